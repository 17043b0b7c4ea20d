/*
 * net_cli.h - what the `interdict net` subcommands share: where the graph
 * comes from (the store's current versions, or FtM files), building and
 * computing it, and the output of exposure rows.
 */
#ifndef IDT_CLI_NET_CLI_H
#define IDT_CLI_NET_CLI_H
#include <stdio.h>
#include <stdint.h>
#include "interdict/net.h"

typedef struct net_src {
  const char *ftm[64];       /* --ftm FILE (no store, no cache) */
  size_t nftm;
  const char *datasets[64];  /* --dataset NAME (default: every dataset) */
  size_t nds;
  const char *today;
  int no_pivots;
  unsigned pivot_cap;
  uint32_t mask;             /* --edges for hops and paths */
  int refresh;               /* recompute even if cached */
  int key_nodes;
  char key[4096];            /* "dataset:version,..." when from the store */
} net_src;

/* Parse a source option at argv[*i] (advancing *i past its value): 1 if it
 * was one, 0 if not, -1 on a usage error (message printed). */
int net_src_opt(net_src *s, const char *cmd, int argc, char **argv, int *i);
/* The version key of the store's current datasets (s->key); 0 or exit code. */
int net_src_key(net_src *s);
/* Build and compute the network; returns 0 or a CLI exit code. */
int net_src_build(net_src *s, idt_net **out);

/* Exposure rows as JSON lines or CSV (header once). */
typedef struct net_out {
  FILE *f;
  int csv, header_done, skip_designated;
  long limit, written;
} net_out;
int net_out_row(void *ctx, const idt_net_exposure *x);
/* One candidate as a table line or JSON with its evidence. */
int net_candidate_row(void *ctx, const idt_net_exposure *x);
#endif
