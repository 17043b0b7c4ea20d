/*
 * interdict/server.h - the HTTP API (docs/api.md) on libmicrohttpd.
 *
 * A server object owns a libmicrohttpd daemon (a pool of worker threads,
 * each polling its share of the connections), the current list snapshot
 * (screening index, entity table and adjacency, stored network exposure)
 * behind a reference-counted pointer that a reload swaps atomically, the AIS
 * vessels and events decoded at start-up, and a reloader thread that checks
 * the store's current versions periodically.
 *
 * Lifecycle: idt_server_start() loads the snapshot and listens;
 * idt_server_reload() builds a new snapshot beside the old one and swaps it
 * in (requests in flight finish on the old one, which is freed by the last
 * of them); idt_server_stop() stops accepting, waits for requests in flight
 * (up to opts.drain_ms) and frees everything. The CLI (`interdict serve`)
 * maps SIGHUP to reload and SIGINT/SIGTERM to stop; tests run the server in
 * process on an ephemeral port (bind "127.0.0.1:0", idt_server_port()).
 *
 * Errors: 0 or a negative IDT_E* with the detail in idt_error_msg():
 * IDT_EINVAL (bad bind address, --no-auth beyond loopback), IDT_ENET
 * (cannot listen), IDT_EDB / IDT_EIO (store, AIS files), IDT_ENOMEM.
 */
#ifndef INTERDICT_SERVER_H
#define INTERDICT_SERVER_H
#include <stddef.h>
#include <stdint.h>
#include "interdict/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct idt_server idt_server;

typedef struct idt_server_opts {
  unsigned version;            /* IDT_SERVER_OPTS_VERSION */
  const char *db_path;         /* the store (required) */
  const char *bind;            /* "HOST:PORT" ("[::1]:8000" for IPv6);
                                  port 0 picks a free one */
  unsigned threads;            /* worker threads (0: 2) */
  const char *const *ais_files;/* NMEA files decoded at start-up */
  size_t nais;
  int no_auth;                 /* loopback only: no API keys needed */
  size_t max_body;             /* request body cap, bytes (413 above) */
  size_t max_header;           /* per-connection header memory, bytes */
  unsigned conn_timeout;       /* idle seconds before a connection closes */
  unsigned max_conns;          /* simultaneous connections */
  unsigned request_ms;         /* budget for reading a body and answering */
  unsigned max_queries;        /* queries in one /match request */
  unsigned reload_check_s;     /* periodic store version check (0: off) */
  unsigned drain_ms;           /* stop: longest wait for in-flight requests */
  int log;                     /* log reloads and failures on stderr */
  const char *const *admins;   /* API key names allowed to call /admin/
                                  (none: any valid key) */
  size_t nadmins;
  unsigned max_conns_per_ip;   /* 0: no per-address limit (slow clients
                                  from one address are bounded by it) */
} idt_server_opts;
#define IDT_SERVER_OPTS_VERSION 1
#define IDT_SERVER_OPTS_INIT { IDT_SERVER_OPTS_VERSION, NULL, "127.0.0.1:8000", \
    2, NULL, 0, 0, 1u << 20, 16384, 30, 512, 10000, 100, 60, 10000, 0, NULL, 0, 0 }

/* Load the snapshot and the AIS files, then listen. opts is copied (its
 * strings must outlive the server). */
int idt_server_start(idt_server **out, const idt_server_opts *opts);
/* The port actually bound (for port 0). */
uint16_t idt_server_port(const idt_server *s);
/* Rebuild the snapshot from the store and swap it in; *changed (may be
 * NULL) is 1 when list versions differ from the previous snapshot. Reloads
 * are serialised; requests keep being answered meanwhile. On error the old
 * snapshot stays. */
int idt_server_reload(idt_server *s, int *changed);
/* Counters since start. */
typedef struct idt_server_stats {
  unsigned long long requests, errors_4xx, errors_5xx, reloads;
  unsigned long long in_flight, snapshots_live;
} idt_server_stats;
void idt_server_stats_get(idt_server *s, idt_server_stats *st);
/* Stop accepting, drain the requests in flight, free. NULL-safe. */
void idt_server_stop(idt_server *s);

#ifdef __cplusplus
}
#endif
#endif
