// SwiftPM links an executable's entry point as FuzzMarkdown_main; libFuzzer's driver runs it.
#include <stddef.h>
#include <stdint.h>
#include <sanitizer/lsan_interface.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t));
void sitegen_fuzz_register_extensions(void);

int FuzzMarkdown_main(int argc, char **argv) {
    // Registering cmark-gfm's extensions detaches autolink's list of trigger characters once,
    // for the process (MarkdownRenderer.inlinePassNeedsNoLock): 32 bytes that stay allocated
    // for good, by design. Done here, before any input, and not counted as a leak; a leak in
    // the rendering of an input is still one.
    __lsan_disable();
    sitegen_fuzz_register_extensions();
    __lsan_enable();
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
