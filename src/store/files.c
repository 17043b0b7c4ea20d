/*
 * files.c - the input files of an import: a directory expands to its
 * regular files (an ofac-csv directory), each gets its size and SHA-256,
 * and the set gets one combined checksum: SHA-256 of "name sha256\n" lines
 * in name order, so the same files moved elsewhere keep the checksum and an
 * unchanged download is recognised before any parsing. Hashing the file
 * contents (rather than trusting size and mtime) is what makes "unchanged"
 * safe to act on.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "store_int.h"
#include "common/buf.h"
#include "common/util.h"

typedef struct file_rec {
  char *path;
  const char *name;         /* basename inside path */
  long long size;
  char sha[65];
} file_rec;


static int file_cmp(const void *a, const void *b)
{
  const file_rec *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : strcmp(x->path, y->path);
}

static int push_file(file_rec **v, size_t *n, size_t *cap, const char *path)
{
  struct stat sb;
  file_rec *f;
  const char *slash;
  if (*n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 8;
    file_rec *nv = idt_realloc(*v, ncap * sizeof *nv);
    if (!nv)
      return IDT_ENOMEM;
    *v = nv;
    *cap = ncap;
  }
  f = &(*v)[*n];
  memset(f, 0, sizeof *f);
  if (!(f->path = idt_strdup(path)))
    return IDT_ENOMEM;
  (*n)++;
  slash = strrchr(f->path, '/');
  f->name = slash ? slash + 1 : f->path;
  if (stat(path, &sb) != 0)
    return idt_error_set(IDT_EIO, "%s: %s", path, strerror(errno));
  f->size = (long long)sb.st_size;
  return idt_sha256_file(path, f->sha);
}

static int expand(const char *path, file_rec **v, size_t *n, size_t *cap)
{
  struct stat sb;
  DIR *d;
  struct dirent *de;
  int rc = 0;
  char sub[4096];

  if (stat(path, &sb) != 0)
    return idt_error_set(IDT_EIO, "%s: %s", path, strerror(errno));
  if (!S_ISDIR(sb.st_mode))
    return push_file(v, n, cap, path);
  if (!(d = opendir(path)))
    return idt_error_set(IDT_EIO, "%s: %s", path, strerror(errno));
  while (!rc && (de = readdir(d))) {
    if (de->d_name[0] == '.')
      continue;
    if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, de->d_name) >= sizeof sub) {
      rc = idt_error_set(IDT_EINVAL, "%s/%s: path too long", path, de->d_name);
      break;
    }
    if (stat(sub, &sb) == 0 && S_ISREG(sb.st_mode))
      rc = push_file(v, n, cap, sub);
  }
  closedir(d);
  return rc;
}

int idt__store_checksum_files(const char *const *paths, size_t np,
                              char checksum[65], char **files_json,
                              char **source)
{
  file_rec *v = NULL;
  size_t n = 0, cap = 0, i;
  idt_buf js, lines;
  int rc = 0;

  idt_buf_init(&js, IDT_BUF_MAX_DEFAULT);
  idt_buf_init(&lines, IDT_BUF_MAX_DEFAULT);
  for (i = 0; i < np && !rc; i++)
    rc = expand(paths[i], &v, &n, &cap);
  if (!rc && n == 0)
    rc = idt_error_set(IDT_EINVAL, "import: no input files");
  if (rc)
    goto out;
  qsort(v, n, sizeof *v, file_cmp);
  rc = idt_buf_putc(&js, '[');
  for (i = 0; i < n && !rc; i++) {
    rc = idt_buf_puts(&js, i ? ",{\"name\":" : "{\"name\":");
    if (!rc)
      rc = idt_buf_json_str(&js, v[i].name, strlen(v[i].name));
    if (!rc)
      rc = idt_buf_printf(&js, ",\"size\":%lld,\"sha256\":\"%s\"}", v[i].size,
                          v[i].sha);
    if (!rc)
      rc = idt_buf_printf(&lines, "%s %s\n", v[i].name, v[i].sha);
  }
  if (!rc)
    rc = idt_buf_putc(&js, ']');
  if (rc)
    goto out;
  idt_sha256_mem(lines.p, lines.len, checksum);
  if (!(*files_json = idt_buf_detach(&js)))
    rc = IDT_ENOMEM;
  if (!rc && !*source) {
    idt_buf src;
    idt_buf_init(&src, IDT_BUF_MAX_DEFAULT);
    for (i = 0; i < np && !rc; i++)
      rc = idt_buf_printf(&src, "%s%s", i ? " " : "", paths[i]);
    if (!rc && !(*source = idt_buf_detach(&src)))
      rc = IDT_ENOMEM;
    idt_buf_free(&src);
  }
out:
  for (i = 0; i < n; i++)
    idt_free(v[i].path);
  idt_free(v);
  idt_buf_free(&js);
  idt_buf_free(&lines);
  return rc;
}
