#!/usr/bin/python3
"""PyTorch reference for the CourseNotes VAE benchmark (bench/CourseNotes.Benchmarks).

The course's MLP VAE -- 784 -> 400 -> (mu, log sigma^2) of size 20 -> 400 -> 784, Bernoulli decoder,
loss = binary cross-entropy (sum) + closed-form KL, Adam 1e-3, batch 128 -- trained on the procedural
binary images (Fashion-MNIST binarised with a seed, or the procedural sprites) the C# benchmark exports to IDX
files, so both sides see the same bits and settings. --threads sets torch's intra-op threads; OpenBLAS (its GEMM)
takes OPENBLAS_NUM_THREADS from the environment, which the C# benchmark sets. Subnormal floats are flushed to zero
(torch.set_flush_denormal), as the C# side flushes them during training.

Prints one JSON object per line: {"epoch", "seconds", "samples_per_s", "neg_elbo"} per epoch, then
{"held_out_neg_elbo", "max_rss_mib"} (one reparameterised sample per held-out image, as VaeTraining.Evaluate).
With --lockstep, each epoch waits for a line on standard input (the C# benchmark's turn is over), so that the two
sides' epochs alternate and each is compared with one measured seconds away from it.
Run it with Debian's interpreter: /usr/bin/python3 (apt-get install python3-torch libopenblas0-pthread).
"""
import argparse
import json
import resource
import struct
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


def read_idx(path):
    """An unsigned-byte IDX array (the MNIST format), as written by CourseNotes.Datasets.IdxFile."""
    with open(path, 'rb') as f:
        zero, kind, dims = struct.unpack('>HBB', f.read(4))
        if zero != 0 or kind != 0x08:
            raise SystemExit(f'{path}: not an unsigned-byte IDX file')
        shape = struct.unpack('>' + 'I' * dims, f.read(4 * dims))
        data = np.frombuffer(f.read(), dtype=np.uint8)
    if data.size != int(np.prod(shape)):
        raise SystemExit(f'{path}: {data.size} bytes for shape {shape}')
    return data.reshape(shape)


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden, self.mean, self.log_variance = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.decode_hidden, self.decode_output = nn.Linear(20, 400), nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.hidden(x))
        mean, log_variance = self.mean(h), self.log_variance(h)
        z = mean + torch.randn_like(mean) * torch.exp(0.5 * log_variance)
        return self.decode_output(F.relu(self.decode_hidden(z))), mean, log_variance


def terms(logits, x, mean, log_variance):
    reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction='sum')
    kl = -0.5 * torch.sum(1 + log_variance - mean.pow(2) - log_variance.exp())
    return reconstruction, kl


def peak_rss_mib():
    """This process's peak resident memory: VmHWM of /proc/self/status (Linux). Not getrusage's ru_maxrss, which on
    Linux keeps the peak of the process that forked this one (the .NET benchmark) across exec."""
    try:
        with open('/proc/self/status') as status:
            for line in status:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--train', required=True)
    parser.add_argument('--test', required=True)
    parser.add_argument('--epochs', type=int, default=10)
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--limit', type=int, default=0, help='train on the first LIMIT images only (0: all)')
    parser.add_argument('--lockstep', action='store_true', help='wait for a line on standard input before each epoch')
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    # Subnormals flushed to zero on this thread, as the C# side does during training (CourseNotes.Vae.FlushDenormals):
    # both sides in their fastest setting.
    torch.set_flush_denormal(True)
    torch.manual_seed(args.seed)
    train = torch.from_numpy(read_idx(args.train).reshape(-1, 784).astype(np.float32) / 255)
    if args.limit > 0:
        train = train[:args.limit]
    test = torch.from_numpy(read_idx(args.test).reshape(-1, 784).astype(np.float32) / 255)
    model = Vae()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(1, args.epochs + 1):
        if args.lockstep and not sys.stdin.readline():
            raise SystemExit(f'standard input closed before epoch {epoch}')
        model.train()
        start, total = time.perf_counter(), 0.0
        for batch in torch.randperm(len(train)).split(128):
            x = train[batch]
            logits, mean, log_variance = model(x)
            reconstruction, kl = terms(logits, x, mean, log_variance)
            loss = (reconstruction + kl) / len(x)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += reconstruction.item() + kl.item()
        seconds = time.perf_counter() - start
        print(json.dumps({'epoch': epoch, 'seconds': seconds, 'samples_per_s': len(train) / seconds, 'neg_elbo': total / len(train)}), flush=True)
    model.eval()
    with torch.no_grad():
        total = 0.0
        for x in test.split(1000):
            logits, mean, log_variance = model(x)
            reconstruction, kl = terms(logits, x, mean, log_variance)
            total += reconstruction.item() + kl.item()
    max_rss_mib = peak_rss_mib()
    print(json.dumps({'held_out_neg_elbo': total / len(test), 'max_rss_mib': max_rss_mib}), flush=True)


if __name__ == '__main__':
    main()
