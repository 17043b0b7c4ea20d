/*
 * test_net_tnet.h - test helper: a network with today fixed to 2026-01-01
 * and the arena its hand-built entities live in (include after tap.h).
 */
#ifndef IDT_TEST_NET_TNET_H
#define IDT_TEST_NET_TNET_H
#include "interdict/net.h"
#include "common/arena.h"

typedef struct tnet { idt_net *n; idt_arena a; } tnet;

static void tn_init(tnet *t)
{
  idt_net_opts o = IDT_NET_OPTS_INIT;
  o.today = "2026-01-01";
  idt_arena_init(&t->a);
  CHECK_OK(idt_net_new(&t->n, &o));
}

static void tn_free(tnet *t)
{
  idt_net_free(t->n);
  idt_arena_free(&t->a);
}
#endif
