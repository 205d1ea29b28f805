// oneDNN's sgemm against OpenBLAS's cblas_sgemm on the GEMM shapes of Gantry's models at batch 64 (forward
// X·W, weight gradient Xᵀ·dY, input gradient dY·Wᵀ), same thread count, same buffers. Prints one markdown row per
// shape: median GFLOP/s of each and OpenBLAS / oneDNN. Decides whether linking OpenBLAS for GEMM would pay.
#include <cblas.h>
#include <dnnl.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

typedef void (*gemm_fn)(char ta, char tb, int m, int n, int k, const float* a, const float* b, float* c);

static void with_dnnl(char ta, char tb, int m, int n, int k, const float* a, const float* b, float* c) {
  dnnl_sgemm(ta, tb, m, n, k, 1.0f, a, ta == 'T' ? m : k, b, tb == 'T' ? k : n, 0.0f, c, n);
}

static void with_openblas(char ta, char tb, int m, int n, int k, const float* a, const float* b, float* c) {
  cblas_sgemm(CblasRowMajor, ta == 'T' ? CblasTrans : CblasNoTrans, tb == 'T' ? CblasTrans : CblasNoTrans, m, n, k,
              1.0f, a, ta == 'T' ? m : k, b, tb == 'T' ? k : n, 0.0f, c, n);
}

// Median GFLOP/s over `rounds` rounds, each as many calls as fit in ~ms milliseconds.
static double gflops(gemm_fn f, char ta, char tb, int m, int n, int k, const float* a, const float* b, float* c,
                     int rounds, double ms) {
  double r[64];
  for (int i = 0; i < 3; i++) f(ta, tb, m, n, k, a, b, c);
  for (int i = 0; i < rounds; i++) {
    int calls = 0;
    double t0 = now(), t;
    do {
      f(ta, tb, m, n, k, a, b, c);
      calls++;
      t = now();
    } while ((t - t0) * 1e3 < ms);
    r[i] = 2.0 * m * n * k * calls / (t - t0) / 1e9;
  }
  qsort(r, rounds, sizeof r[0], cmp);
  return r[rounds / 2];
}

int main(int argc, char** argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  int rounds = argc > 2 ? atoi(argv[2]) : 7;
  double ms = argc > 3 ? atof(argv[3]) : 100;
  if (rounds > 64) rounds = 64;
  omp_set_num_threads(threads);
  openblas_set_num_threads(threads);
  // name, transA, transB, m, n, k
  struct { const char* name; char ta, tb; int m, n, k; } shapes[] = {
      {"mlp G 64×100→256", 'N', 'N', 64, 256, 100},     {"mlp G 64×256→512", 'N', 'N', 64, 512, 256},
      {"mlp G 64×512→784", 'N', 'N', 64, 784, 512},     {"mlp D 64×784→512", 'N', 'N', 64, 512, 784},
      {"mlp D dW 784×64·64×512", 'T', 'N', 784, 512, 64}, {"mlp D dX 64×512·512×784", 'N', 'T', 64, 784, 512},
      {"mlp2d 64×512→512", 'N', 'N', 64, 512, 512},     {"dcgan G dense 64×100→6272", 'N', 'N', 64, 6272, 100},
      {"dcgan G dense dW 100×64·64×6272", 'T', 'N', 100, 6272, 64},
  };
  size_t big = 6272 * 784;
  float* a = malloc(big * sizeof(float));
  float* b = malloc(big * sizeof(float));
  float* c = malloc(big * sizeof(float));
  for (size_t i = 0; i < big; i++) a[i] = b[i] = (float)((i * 2654435761u) % 1000) / 1000.0f - 0.5f;
  printf("sgemm, %d threads, median of %d rounds of %.0f ms; oneDNN %d.%d.%d, %s\n\n", threads, rounds, ms,
         dnnl_version()->major, dnnl_version()->minor, dnnl_version()->patch, openblas_get_config());
  printf("| shape | oneDNN GFLOP/s | OpenBLAS GFLOP/s | OpenBLAS / oneDNN |\n| --- | --- | --- | --- |\n");
  for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
    double d = gflops(with_dnnl, shapes[i].ta, shapes[i].tb, shapes[i].m, shapes[i].n, shapes[i].k, a, b, c, rounds, ms);
    double o = gflops(with_openblas, shapes[i].ta, shapes[i].tb, shapes[i].m, shapes[i].n, shapes[i].k, a, b, c, rounds, ms);
    printf("| %s | %.1f | %.1f | %.2f |\n", shapes[i].name, d, o, o / d);
  }
  return 0;
}
