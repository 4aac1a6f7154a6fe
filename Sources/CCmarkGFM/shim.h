// The one C header sitegen includes: cmark-gfm and its core extensions (table, strikethrough,
// autolink, tagfilter, tasklist). Only Sources/SitegenCore/Markdown/ imports this module.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
