/*
 * replay.c - run a fuzz target over every file of its corpus directories
 * without libFuzzer, so corpora are replayed in every build (plain and
 * ASan/UBSan) by ctest. Prints TAP: one line per file.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  unsigned char *buf;
  long n;
  if (!f)
    return -1;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = malloc(n > 0 ? (size_t)n : 1);
  if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
    free(buf);
    fclose(f);
    return -1;
  }
  fclose(f);
  LLVMFuzzerTestOneInput(buf, (size_t)n);
  free(buf);
  return 0;
}

int main(int argc, char **argv)
{
  int i, n = 0, bad = 0;
  for (i = 1; i < argc; i++) {
    DIR *d = opendir(argv[i]);
    struct dirent *de;
    if (!d) {
      printf("not ok - cannot open corpus %s\n", argv[i]);
      bad++;
      continue;
    }
    while ((de = readdir(d))) {
      char path[4096];
      if (de->d_name[0] == '.')
        continue;
      snprintf(path, sizeof path, "%s/%s", argv[i], de->d_name);
      if (run_file(path)) {
        printf("not ok - %s unreadable\n", path);
        bad++;
      }
      n++;
    }
    closedir(d);
  }
  if (n == 0) {
    printf("not ok - empty corpus\n");
    bad++;
  }
  printf("%d passed, %d failed\n", n - bad, bad);
  return bad ? 1 : 0;
}
