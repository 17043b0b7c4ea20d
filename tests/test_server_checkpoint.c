/*
 * test_server_checkpoint.c - the audit log's WAL checkpoints taken off the
 * /match write path (idt_audit_defer_checkpoints, idt_audit_checkpoint; the
 * server runs the latter every 200 ms from a thread of its own).
 *
 * - after the deferral, commits no longer checkpoint: the WAL grows past
 *   SQLite's 1,000-page automatic checkpoint and the database file does not
 *   change size;
 * - idt_audit_checkpoint copies the WAL into the file (the file grows) and,
 *   the WAL being long, finishes the job so that the next commits start the
 *   WAL over instead of growing it;
 * - checkpoints running beside a writer thread lose nothing: the chain
 *   verifies with every record, and the WAL stays bounded.
 *
 * The bound beside the writer must not depend on how the scheduler shares
 * the CPUs: on a loaded machine (or while a checkpoint's fsyncs wait on the
 * disk) a free-running writer piles up any number of frames during one
 * pass. So the writer is paced by the passes, not by the clock: it may
 * write at most PACE records after the start of the latest pass. That
 * keeps it writing during every pass (which is what defeats a plain
 * PASSIVE checkpoint), and makes the bound exact: the WAL restarts after
 * the first pass that starts past 2,000 frames, so it never holds more
 * than 2,000 frames plus two paces' worth (~4 frames a record).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "tap.h"
#include "interdict/audit.h"

static char db[1100], wal[1200];

static long long size_of(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static int append_one(idt_audit *a, int tag, int i)
{
  char payload[2200];
  int k = snprintf(payload, sizeof payload, "{\"tag\":%d,\"i\":%d,\"pad\":\"", tag, i);
  memset(payload + k, 'x', 2000);
  memcpy(payload + k + 2000, "\"}", 3);
  return idt_audit_append(a, "test", "tester", payload, NULL);
}

static int append_n(idt_audit *a, int n, int tag)
{
  int i, rc = 0;
  for (i = 0; i < n && !rc; i++)
    rc = append_one(a, tag, i);
  return rc;
}

TEST(deferred_then_checkpointed)
{
  idt_audit *a = NULL;
  idt_audit_verify_result res;
  long long db0, wal1, db1, wal2;
  snprintf(db, sizeof db, "%s/ckpt.db", tap_tmpdir());
  snprintf(wal, sizeof wal, "%s-wal", db);
  CHECK_OK(idt_audit_open(&a, db));
  if (!a)
    return;
  CHECK_OK(idt_audit_defer_checkpoints(a));
  CHECK_OK(append_n(a, 10, 0));
  CHECK_OK(idt_audit_checkpoint(a));      /* the schema into the file */
  db0 = size_of(db);
  CHECK_OK(append_n(a, 1500, 1));         /* ~3 pages each: well past 1,000 */
  wal1 = size_of(wal);
  CHECK(wal1 > 1200LL * 4096);
  CHECK_INT(size_of(db), db0);            /* no checkpoint inside the commits */
  CHECK_OK(idt_audit_checkpoint(a));
  db1 = size_of(db);
  CHECK(db1 > db0 + 1500LL * 2000);       /* the records are in the file */
  CHECK_OK(append_n(a, 50, 2));
  wal2 = size_of(wal);
  CHECK_INT(wal2, wal1);                  /* started over, not appended */
  CHECK_OK(idt_audit_verify(a, 0, NULL, &res));
  CHECK_INT(res.ok, 1);
  CHECK_INT(res.records, 1560);
  tap_diag("WAL %lld bytes after 1,500 deferred commits; file %lld -> %lld bytes",
           wal1, db0, db1);
  idt_audit_close(a);
}

#define PACE 250             /* records per pass: 2 x 250 x ~4 frames */

typedef struct pacer {
  idt_audit *a;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int written, allowed, released, done, rc;
} pacer;

static void *writer(void *arg)
{
  pacer *p = arg;
  int i, rc = 0;
  for (i = 0; i < 3000 && !rc; i++) {
    pthread_mutex_lock(&p->mu);
    while (p->written >= p->allowed && !p->released)
      pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    rc = append_one(p->a, 3, i);
    pthread_mutex_lock(&p->mu);
    p->written++;
    pthread_mutex_unlock(&p->mu);
  }
  pthread_mutex_lock(&p->mu);
  p->rc = rc;
  p->done = 1;
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* A pass starts: the writer may write PACE records more than it has. */
static int pass_starts(pacer *p)
{
  int done;
  pthread_mutex_lock(&p->mu);
  p->allowed = p->written + PACE;
  done = p->done;
  pthread_cond_broadcast(&p->cv);
  pthread_mutex_unlock(&p->mu);
  return done;
}

TEST(checkpoints_beside_a_writer)
{
  idt_audit_verify_result res;
  pthread_t t;
  pacer p;
  int n = 0, rc = 0;
  long long walmax = 0, w;
  memset(&p, 0, sizeof p);
  pthread_mutex_init(&p.mu, NULL);
  pthread_cond_init(&p.cv, NULL);
  CHECK_OK(idt_audit_open(&p.a, db));
  if (!p.a)
    return;
  CHECK_OK(idt_audit_defer_checkpoints(p.a));
  CHECK_INT(pthread_create(&t, NULL, writer, &p), 0);
  /* passes until the writer is done, however long it takes */
  for (n = 0; !rc && !pass_starts(&p); n++) {
    struct timespec ts = { 0, 5 * 1000000L };
    rc = idt_audit_checkpoint(p.a);
    if ((w = size_of(wal)) > walmax)
      walmax = w;
    nanosleep(&ts, NULL);
  }
  CHECK_INT(rc, 0);
  pthread_mutex_lock(&p.mu);
  p.released = 1;                 /* a failed pass must not leave it waiting */
  pthread_cond_broadcast(&p.cv);
  pthread_mutex_unlock(&p.mu);
  pthread_join(t, NULL);
  CHECK_INT(p.rc, 0);
  if ((w = size_of(wal)) > walmax)   /* the file never shrinks: its largest */
    walmax = w;
  CHECK_OK(idt_audit_verify(p.a, 0, NULL, &res));
  CHECK_INT(res.ok, 1);
  CHECK_INT(res.records, 1560 + 3000);
  /* bounded by the finishing pass (2,000 frames) plus what one pass lets
   * pile up, not by the 3,000 records (~12,000 frames) */
  CHECK(walmax < 6000LL * 4104);
  tap_diag("largest WAL beside the writer: %lld bytes, %d passes", walmax, n);
  idt_audit_close(p.a);
  pthread_cond_destroy(&p.cv);
  pthread_mutex_destroy(&p.mu);
}

int main(void)
{
  RUN(deferred_then_checkpointed);
  RUN(checkpoints_beside_a_writer);
  return tap_done();
}
