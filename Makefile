# make install [PREFIX=/usr/local]: a release build of sitegen copied to PREFIX/bin, and the
# shipped templates to PREFIX/share/sitegen/Templates (what 'sitegen init' copies into a new
# explainer). The binary uses the Swift runtime of the toolchain that built it (its RUNPATH) and
# libcmark-gfm from Debian. (--static-swift-stdlib would also link Foundation's networking,
# which needs libcurl's development files at link time.)
PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
SHAREDIR = $(DESTDIR)$(PREFIX)/share/sitegen
SWIFT_FLAGS = -c release --product sitegen

.PHONY: build install uninstall

build:
	swift build $(SWIFT_FLAGS)

install: build
	install -d "$(BINDIR)" "$(SHAREDIR)"
	install -m 755 "$$(swift build $(SWIFT_FLAGS) --show-bin-path)/sitegen" "$(BINDIR)/sitegen"
	rm -rf "$(SHAREDIR)/Templates"
	cp -R Templates "$(SHAREDIR)/Templates"
	@echo "Installed $(BINDIR)/sitegen and $(SHAREDIR)/Templates"

uninstall:
	rm -f "$(BINDIR)/sitegen"
	rm -rf "$(SHAREDIR)"
