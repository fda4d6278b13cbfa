/// <summary>The script the site benchmark runs on a latent explorer's element to time its decode.</summary>
internal static class ExplorerTimes
{
    // [milliseconds per decode, milliseconds per dense float decode of the same shapes], each over 300 codes spread across the
    // explorer's box after 30 to warm up.
    public const string Script = """
        e => {
          const data = JSON.parse(e.querySelector('script.latent-explorer-data').textContent);
          const K = data.k, H = data.hidden, D = data.pixels;
          const codes = Array.from({ length: 330 }, (_, t) => data.lower.map((l, k) => l + (data.upper[k] - l) * ((t * (k + 1) * 0.618) % 1)));
          const time = decode => {
            for (let t = 0; t < 30; t++) decode(codes[t]);
            const begin = performance.now();
            for (let t = 30; t < 330; t++) decode(codes[t]);
            return (performance.now() - begin) / 300;
          };
          const w1 = new Float32Array(H * K).map((_, i) => Math.sin(i)), w2 = new Float32Array(H * D).map((_, i) => Math.cos(i) / H);
          const z = new Float64Array(H), out = new Float32Array(D);
          const dense = code => {
            for (let j = 0; j < H; j++) { let a = 0; for (let k = 0; k < K; k++) a += w1[j * K + k] * code[k]; z[j] = Math.abs(a) + 1e-3; }
            const sum = new Float64Array(D);
            for (let j = 0; j < H; j++) for (let i = 0, r = j * D; i < D; i++) sum[i] += w2[r + i] * z[j];
            for (let i = 0; i < D; i++) out[i] = 1 / (1 + Math.exp(-sum[i]));
            return out;
          };
          return [time(c => e.latentExplorer.decode(c)), time(dense)];
        }
        """;
}
