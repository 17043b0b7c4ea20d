/*
 * interdict/webui.h - the web UI's static assets, compiled into the library.
 *
 * tools/embed_assets.py turns every file under web/dist/ into one entry of a
 * generated, sorted table; the HTTP server serves them under /ui/.
 */
#ifndef INTERDICT_WEBUI_H
#define INTERDICT_WEBUI_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct idt_asset {
  const char *path;            /* relative to web/dist, e.g. "index.html" */
  const unsigned char *data;
  size_t len;
  const char *content_type;    /* "text/html; charset=utf-8", ... */
} idt_asset;

/* The asset at path (no leading slash; "" means "index.html"), or NULL. */
const idt_asset *idt_webui_find(const char *path);
/* Number of embedded assets (0 when the UI was not built). */
size_t idt_webui_count(void);

#ifdef __cplusplus
}
#endif
#endif
