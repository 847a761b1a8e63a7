globalThis.__BUILD_MANIFEST = {
  "pages": {
    "/_app": []
  },
  "devFiles": [],
  "polyfillFiles": [
    "static/chunks/0cz1d0mv5g_q7.js"
  ],
  "lowPriorityFiles": [
    "static/RPl8Fx-E1l_eZ3jKsHo3M/_buildManifest.js",
    "static/RPl8Fx-E1l_eZ3jKsHo3M/_ssgManifest.js",
    "static/RPl8Fx-E1l_eZ3jKsHo3M/_clientMiddlewareManifest.js"
  ],
  "rootMainFiles": [
    "static/chunks/3v_59l1qr_8dp.js",
    "static/chunks/24pmacv9f6q9n.js",
    "static/chunks/3307fvf3414cl.js",
    "static/chunks/turbopack-077hmtqrhcoji.js"
  ],
  "rootMainFilesTree": {},
  "pagesChunkGroupBootstrapParams": {
    "/page": {
      "otherChunks": [
        "static/chunks/3v_59l1qr_8dp.js",
        "static/chunks/24pmacv9f6q9n.js",
        "static/chunks/3307fvf3414cl.js"
      ],
      "runtimeModuleIds": [
        94553
      ]
    },
    "/_not-found/page": {
      "otherChunks": [
        "static/chunks/3v_59l1qr_8dp.js",
        "static/chunks/24pmacv9f6q9n.js",
        "static/chunks/3307fvf3414cl.js"
      ],
      "runtimeModuleIds": [
        94553
      ]
    },
    "/_global-error/page": {
      "otherChunks": [
        "static/chunks/3v_59l1qr_8dp.js",
        "static/chunks/24pmacv9f6q9n.js",
        "static/chunks/3307fvf3414cl.js"
      ],
      "runtimeModuleIds": [
        94553
      ]
    },
    "/login/page": {
      "otherChunks": [
        "static/chunks/3v_59l1qr_8dp.js",
        "static/chunks/24pmacv9f6q9n.js",
        "static/chunks/3307fvf3414cl.js"
      ],
      "runtimeModuleIds": [
        94553
      ]
    },
    "/register/page": {
      "otherChunks": [
        "static/chunks/3v_59l1qr_8dp.js",
        "static/chunks/24pmacv9f6q9n.js",
        "static/chunks/3307fvf3414cl.js"
      ],
      "runtimeModuleIds": [
        94553
      ]
    }
  },
  "chunkLoadingGlobal": "TURBOPACK"
};
