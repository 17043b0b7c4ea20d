/*
 * static.c - the web UI's files (compiled into the library from web/dist by
 * tools/embed_assets.py; include/interdict/webui.h) under /ui/. A path that
 * names no file gets index.html (the UI routes on the client), except paths
 * that look like files (a dot in the last segment), which get 404. Every
 * response carries the strict Content-Security-Policy set in server.c.
 */
#include <string.h>
#include "server/server_int.h"
#include "interdict/webui.h"

int idt__h_ui(request *rq, reply *rp, const char *tail)
{
  const idt_asset *a;
  const char *last;
  if (!strcmp(rq->path, "/ui")) {     /* relative asset URLs need the slash */
    rp->status = 301;
    rp->location = "/ui/";
    rp->json = json_pack("{s:s}", "location", "/ui/");
    return 0;
  }
  if (strstr(tail, ".."))
    return idt__err(rp, 400, "bad_path", "'..' is not allowed in a path");
  if (!(a = idt_webui_find(tail))) {
    last = strrchr(tail, '/');
    last = last ? last + 1 : tail;
    if (*last && strchr(last, '.'))
      return idt__err(rp, 404, "not_found", "no such file: /ui/%.200s", tail);
    if (!(a = idt_webui_find("")))
      return idt__err(rp, 404, "ui_not_built", "the web UI was not built into this binary "
                      "(web/dist is empty)");
  }
  rp->status = 200;
  rp->raw = a->data;
  rp->rawlen = a->len;
  rp->ctype = a->content_type;
  rp->immutable = strncmp(a->path, "assets/", 7) == 0;
  return 0;
}
