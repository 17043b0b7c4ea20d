/*
 * bench_http.c - load generator for `interdict serve` (bench/http.sh).
 *
 *   bench_http rate URL BODIES RATE SECONDS [PID]
 *     POSTs the JSON bodies of BODIES (one per line, round robin) to URL at a
 *     fixed RATE per second for SECONDS with libcurl's multi interface
 *     (keep-alive connections, as many in flight as needed). Latency is
 *     measured from each request's scheduled send time, so a stalled server
 *     cannot hide queueing (no coordinated omission). Prints p50/p90/p99/
 *     p99.9/max, errors (transfer failures and non-200) and, with PID, the
 *     server's VmRSS every 5 s.
 *
 *   bench_http storm HOST PORT SECONDS
 *     A malformed-request storm on raw sockets: truncated bodies, oversized
 *     declared and actual bodies, invalid JSON, garbage request lines, huge
 *     headers, and slow clients that hold connections open sending a byte a
 *     second; counts answers by class (2xx would be a bug, 4xx, closed
 *     without answer) and checks /healthz at the end.
 *
 * wrk measures throughput (bench/http.sh runs it too); wrk cannot hold a
 * fixed rate, hence this program.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <curl/curl.h>

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmpd(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static long rss_kb(long pid)
{
  char path[64], line[256];
  long kb = -1;
  FILE *f;
  snprintf(path, sizeof path, "/proc/%ld/status", pid);
  if (!(f = fopen(path, "r")))
    return -1;
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, "VmRSS:", 6))
      kb = strtol(line + 6, NULL, 10);
  fclose(f);
  return kb;
}

/* utime + stime of a process in seconds (/proc/PID/stat fields 14, 15). */
static double cpu_s(long pid)
{
  char path[64], buf[1024], *p;
  unsigned long ut, st;
  size_t n;
  int field;
  FILE *f;
  snprintf(path, sizeof path, "/proc/%ld/stat", pid);
  if (!(f = fopen(path, "r")))
    return -1;
  n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  if (!(p = strrchr(buf, ')')))
    return -1;
  for (field = 3; field <= 14 && p; field++)  /* to the space before field 14 */
    p = strchr(p + 1, ' ');
  if (!p)
    return -1;
  ut = strtoul(p + 1, &p, 10);
  st = strtoul(p, NULL, 10);
  return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static void loadavg(char *out, size_t cap)
{
  FILE *f = fopen("/proc/loadavg", "r");
  size_t n = f ? fread(out, 1, cap - 1, f) : 0;
  if (f)
    fclose(f);
  out[n] = 0;
  if (n > 14)
    out[14] = 0;    /* the three averages */
}

typedef struct slot {
  CURL *h;
  double sched;
  int busy;
  struct curl_slist *hdr;
} slot;

static size_t sink(char *p, size_t s, size_t n, void *u)
{
  (void)p;
  (void)u;
  return s * n;
}

static int rate_run(int argc, char **argv)
{
  const char *url = argv[2], *bodies_path = argv[3];
  double rate = strtod(argv[4], NULL), secs = strtod(argv[5], NULL);
  long pid = argc > 6 ? strtol(argv[6], NULL, 10) : 0;
  char *bodies[4096], line[8192];
  size_t nb = 0, total, sent = 0, done = 0, errors = 0, nslots = 512, i;
  double *lat, t0, next_rss, cpu0;
  char load0[64], load1[64];
  slot *slots;
  CURLM *m;
  FILE *f = fopen(bodies_path, "r");
  if (!f || rate <= 0 || secs <= 0) {
    fprintf(stderr, "bench_http rate: bad arguments\n");
    return 2;
  }
  while (nb < 4096 && fgets(line, sizeof line, f)) {
    size_t l = strlen(line);
    while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
      line[--l] = 0;
    if (l && (bodies[nb] = strdup(line)))
      nb++;
  }
  fclose(f);
  if (!nb)
    return 2;
  total = (size_t)(rate * secs);
  lat = calloc(total, sizeof *lat);
  slots = calloc(nslots, sizeof *slots);
  m = curl_multi_init();
  if (!lat || !slots || !m)
    return 1;
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)nslots);
  for (i = 0; i < nslots; i++) {
    slots[i].h = curl_easy_init();
    slots[i].hdr = curl_slist_append(NULL, "Content-Type: application/json");
    slots[i].hdr = curl_slist_append(slots[i].hdr, "Expect:");
    curl_easy_setopt(slots[i].h, CURLOPT_URL, url);
    curl_easy_setopt(slots[i].h, CURLOPT_HTTPHEADER, slots[i].hdr);
    curl_easy_setopt(slots[i].h, CURLOPT_WRITEFUNCTION, sink);
    curl_easy_setopt(slots[i].h, CURLOPT_PRIVATE, &slots[i]);
    curl_easy_setopt(slots[i].h, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(slots[i].h, CURLOPT_NOSIGNAL, 1L);
  }
  loadavg(load0, sizeof load0);
  cpu0 = pid ? cpu_s(pid) : 0;
  t0 = now();
  next_rss = t0;
  while (done < total) {
    double t = now();
    if (t - t0 > secs + 60) {   /* give up on what is still in flight */
      errors += total - done;
      printf("gave up: %zu requests unanswered 60 s after the end\n", total - done);
      total = done;
      break;
    }
    int running, q;
    CURLMsg *msg;
    if (pid && t >= next_rss) {
      printf("t=%.0fs VmRSS=%ld kB sent %zu done %zu\n", t - t0, rss_kb(pid), sent, done);
      fflush(stdout);
      next_rss += 5;
    }
    while (sent < total && t0 + (double)sent / rate <= t) {
      for (i = 0; i < nslots && slots[i].busy; i++)
        ;
      if (i == nslots)
        break;                 /* all in flight: latency keeps counting */
      slots[i].busy = 1;
      slots[i].sched = t0 + (double)sent / rate;
      curl_easy_setopt(slots[i].h, CURLOPT_POSTFIELDS, bodies[sent % nb]);
      curl_multi_add_handle(m, slots[i].h);
      sent++;
    }
    curl_multi_perform(m, &running);
    while ((msg = curl_multi_info_read(m, &q))) {
      slot *s;
      long code = 0;
      if (msg->msg != CURLMSG_DONE)
        continue;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
      curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &code);
      if (msg->data.result != CURLE_OK || code != 200)
        errors++;
      lat[done++] = now() - s->sched;
      curl_multi_remove_handle(m, msg->easy_handle);
      s->busy = 0;
    }
    curl_multi_poll(m, NULL, 0, 1, NULL);
  }
  if (!total)
    return 1;
  qsort(lat, total, sizeof *lat, cmpd);
  printf("rate %.0f/s for %.0f s: %zu requests in %.1f s (%.0f/s), errors %zu\n", rate, secs,
         total, now() - t0, (double)total / (now() - t0), errors);
  printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n",
         lat[total / 2] * 1e3, lat[total * 9 / 10] * 1e3, lat[total * 99 / 100] * 1e3,
         lat[total * 999 / 1000] * 1e3, lat[total - 1] * 1e3);
  if (pid) {
    double cpu = cpu_s(pid) - cpu0;
    printf("rss end VmRSS=%ld kB\n", rss_kb(pid));
    printf("server CPU %.2f s = %.3f ms per request\n", cpu, cpu * 1e3 / (double)total);
  }
  loadavg(load1, sizeof load1);
  printf("load average at start %s, at end %s\n", load0, load1);
  for (i = 0; i < nslots; i++) {
    curl_easy_cleanup(slots[i].h);
    curl_slist_free_all(slots[i].hdr);
  }
  curl_multi_cleanup(m);
  for (i = 0; i < nb; i++)
    free(bodies[i]);
  free(lat);
  free(slots);
  return errors ? 1 : 0;
}

/* ---- storm ---- */

static int dial(const char *host, int port)
{
  struct sockaddr_in a;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct timeval tv = { 1, 0 };
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  inet_pton(AF_INET, host, &a.sin_addr);
  if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
    if (fd >= 0)
      close(fd);
    return -1;
  }
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

/* Send, half-close, read the status line: 2 for 2xx, 4 for 4xx, 5 for
 * 5xx, 0 closed without an answer, -1 cannot connect. */
static int one_shot(const char *host, int port, const char *data, size_t len)
{
  char buf[256];
  ssize_t n;
  int fd = dial(host, port);
  if (fd < 0)
    return -1;
  send(fd, data, len, MSG_NOSIGNAL);
  shutdown(fd, SHUT_WR);
  n = recv(fd, buf, sizeof buf - 1, 0);
  close(fd);
  if (n < 12)
    return 0;
  buf[n] = 0;
  return buf[9] - '0';
}

static int storm(int argc, char **argv)
{
  const char *host = argv[2];
  int port = (int)strtol(argv[3], NULL, 10), slow[64], nslow = 0, i, k, bad5 = 0;
  double secs = argc > 4 ? strtod(argv[4], NULL) : 20, t0 = now(), last_drip = 0;
  unsigned long cls[7] = { 0 }, n = 0;
  static char big[2 << 20], hdr[64 << 10];
  static const char *const kinds[] = {
    "POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"queries\":{\"q\":",
    "POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n{",
    "POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n{not json}!",
    "POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n[1,2,3,4]",
    "GARBAGE\x01\x02\x03 / HTTP/9.9\r\n\r\n",
    "POST /match/default HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    "GET /entities/%00%ff HTTP/1.1\r\nHost: x\r\n\r\n",
  };
  int nk = (int)(sizeof kinds / sizeof kinds[0]);
  size_t blen;
  /* an actual oversized chunked body (2 MiB) and a 64 KiB header */
  blen = (size_t)snprintf(big, sizeof big, "POST /match/default HTTP/1.1\r\nHost: x\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n200000\r\n");
  memset(big + blen, 'a', sizeof big - blen - 16);
  blen = sizeof big - 16;
  k = snprintf(hdr, sizeof hdr, "GET /healthz HTTP/1.1\r\nX-Big: ");
  memset(hdr + k, 'b', sizeof hdr - (size_t)k - 8);
  memcpy(hdr + sizeof hdr - 8, "\r\n\r\n", 4);
  for (i = 0; i < 64; i++)        /* slow clients: a byte now and then */
    if ((slow[nslow] = dial(host, port)) >= 0) {
      send(slow[nslow], "P", 1, MSG_NOSIGNAL);
      nslow++;
    }
  while (now() - t0 < secs) {
    int r;
    for (i = 0; i < nk; i++) {
      r = one_shot(host, port, kinds[i], strlen(kinds[i]));
      cls[r < 0 ? 6 : r]++;
      /* libmicrohttpd answers "HTTP/9.9" with 505 Version Not Supported:
       * the right status, counted apart; any other 5xx is a failure */
      if (r == 5 && i != 4)
        bad5++;
      n++;
    }
    r = one_shot(host, port, big, blen);
    cls[r < 0 ? 6 : r]++;
    bad5 += r == 5;
    r = one_shot(host, port, hdr, sizeof hdr - 4);
    cls[r < 0 ? 6 : r]++;
    bad5 += r == 5;
    n += 2;
    if (now() - last_drip > 1) {
      for (i = 0; i < nslow; i++)
        if (slow[i] >= 0 && send(slow[i], "O", 1, MSG_NOSIGNAL) < 0) {
          close(slow[i]);
          slow[i] = -1;
        }
      last_drip = now();
    }
  }
  for (i = 0, k = 0; i < nslow; i++)
    if (slow[i] >= 0) {
      k++;
      close(slow[i]);
    }
  printf("storm %.0f s: %lu malformed requests: 2xx %lu, 4xx %lu, 5xx %lu (of which not the "
         "505 to HTTP/9.9: %d), closed without answer %lu, connect failed %lu; %d/%d slow "
         "clients still connected at the end\n", secs, n, cls[2], cls[4], cls[5], bad5, cls[0],
         cls[6], k, nslow);
  {
    const char h[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    int r = one_shot(host, port, h, sizeof h - 1);
    printf("after the storm /healthz: %s\n", r == 2 ? "200, server up" : "NOT OK");
    return r == 2 && !cls[2] && !bad5 ? 0 : 1;
  }
}

int main(int argc, char **argv)
{
  int rc;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (argc >= 6 && !strcmp(argv[1], "rate"))
    rc = rate_run(argc, argv);
  else if (argc >= 4 && !strcmp(argv[1], "storm"))
    rc = storm(argc, argv);
  else {
    fprintf(stderr, "usage: bench_http rate URL BODIES RATE SECONDS [PID]\n"
                    "       bench_http storm HOST PORT [SECONDS]\n");
    rc = 2;
  }
  curl_global_cleanup();
  return rc;
}
