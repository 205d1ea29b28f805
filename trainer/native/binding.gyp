{
  "targets": [
    {
      "target_name": "gantry_native",
      "sources": ["src/addon.cc", "src/gemm.cc", "src/conv.cc", "src/eltwise.cc", "src/batchnorm.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
      "cflags_cc": ["-O3", "-std=c++17", "-fopenmp"],
      "cflags_cc!": ["-fno-exceptions"],
      "libraries": ["-ldnnl", "-fopenmp"]
    }
  ]
}
