// Vigil's test/bench driver (our code, not the reference's) around Meta's PDQ C++ library (ThreatExchange pdq/cpp), built
// outside the Vigil repository. Two modes:
//   pdq-driver <rgb file> <width> <height> <iterations>   -> "ms_per_hash=<x>" (3-channel raw pixels)
//   pdq-driver --batch    (stdin lines: <raw file> <width> <height> <channels>)
//       -> per line: "<hash> <quality> <dihedral quality> <dihedral x8 (original first)>"
#include <pdq/cpp/downscaling/downscaling.h>
#include <pdq/cpp/hashing/pdqhashing.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace facebook::pdq;

static std::vector<uint8_t> readAll(const char* path) {
  std::vector<uint8_t> data;
  FILE* f = fopen(path, "rb");
  if (!f) return data;
  uint8_t buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) data.insert(data.end(), buf, buf + n);
  fclose(f);
  return data;
}

static void fillLuma(const uint8_t* px, int w, int h, int ch, float* luma) {
  if (ch >= 3) {
    downscaling::fillFloatLumaFromRGB(px, px + 1, px + 2, h, w, w * ch, ch, luma);
  } else {
    downscaling::fillFloatLumaFromGrey(px, h, w, w * ch, ch, luma);
  }
}

int main(int argc, char** argv) {
  static float b64[64][64], b16x64[16][64], b16[16][16], b16aux[16][16];
  if (argc == 5) {
    std::vector<uint8_t> px = readAll(argv[1]);
    int w = atoi(argv[2]), h = atoi(argv[3]), iters = atoi(argv[4]);
    if ((int)px.size() < w * h * 3) { fprintf(stderr, "short file\n"); return 2; }
    std::vector<float> f1(w * h), f2(w * h);
    hashing::Hash256 hash;
    int quality = 0;
    for (int i = 0; i < 5; i++) {
      fillLuma(px.data(), w, h, 3, f1.data());
      hashing::pdqHash256FromFloatLuma(f1.data(), f2.data(), h, w, b64, b16x64, b16, hash, quality);
    }
    auto t1 = std::chrono::steady_clock::now();
    for (int i = 0; i < iters; i++) {
      fillLuma(px.data(), w, h, 3, f1.data());
      hashing::pdqHash256FromFloatLuma(f1.data(), f2.data(), h, w, b64, b16x64, b16, hash, quality);
    }
    auto t2 = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(t2 - t1).count() / iters;
    printf("ms_per_hash=%.4f hash=%s quality=%d\n", ms, hash.format().c_str(), quality);
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "--batch") == 0) {
    char path[4096];
    int w, h, ch;
    while (scanf("%4095s %d %d %d", path, &w, &h, &ch) == 4) {
      std::vector<uint8_t> px = readAll(path);
      if ((long)px.size() < (long)w * h * ch || ch < 1 || ch > 4) { printf("error\n"); fflush(stdout); continue; }
      size_t n = (size_t)w * h;
      std::vector<float> f1(n > 0 ? n : 1), f2(n > 0 ? n : 1);
      hashing::Hash256 hash, d[8];
      int quality = 0, dq = 0;
      fillLuma(px.data(), w, h, ch, f1.data());
      hashing::pdqHash256FromFloatLuma(f1.data(), f2.data(), h, w, b64, b16x64, b16, hash, quality);
      fillLuma(px.data(), w, h, ch, f1.data());
      hashing::pdqDihedralHash256esFromFloatLuma(f1.data(), f2.data(), h, w, b64, b16x64, b16, b16aux,
          &d[0], &d[1], &d[2], &d[3], &d[4], &d[5], &d[6], &d[7], dq);
      printf("%s %d %d", hash.format().c_str(), quality, dq);
      for (int i = 0; i < 8; i++) printf(" %s", d[i].format().c_str());
      printf("\n");
      fflush(stdout);
    }
    return 0;
  }
  fprintf(stderr, "usage: pdq-driver <rgb> <w> <h> <iterations> | pdq-driver --batch\n");
  return 2;
}
