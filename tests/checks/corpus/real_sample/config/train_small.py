# a small run that fits on a laptop GPU
out_dir = 'out-small'
eval_interval = 100
batch_size = 8
block_size = 64
max_iters = 2000
