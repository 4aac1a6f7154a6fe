# make install [PREFIX=/usr/local]: a release build of sitegen, with the Swift runtime linked in,
# copied to PREFIX/bin, and the shipped templates to PREFIX/share/sitegen/Templates (what
# 'sitegen init' copies into a new explainer). libcmark-gfm stays a system library (apt).
PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
SHAREDIR = $(DESTDIR)$(PREFIX)/share/sitegen
SWIFT_FLAGS = -c release --product sitegen --static-swift-stdlib

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
