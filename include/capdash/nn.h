/* nn.h — the neural network behind capdash-train: models, one SGD step,
 * evaluation.  Pure computation: no I/O, no printing.
 *
 * All memory (parameters, gradients, momentum, activations and scratch for
 * one batch) is planned and allocated once in nn_new(); nn_train_step()
 * allocates nothing.
 *
 * Images are float32 (B, C, H, W), values already scaled (the trainer maps
 * bytes to [0, 1] and normalises).  Labels are 0..classes-1.
 */
#ifndef CAPDASH_NN_H
#define CAPDASH_NN_H

#include <stddef.h>
#include <stdint.h>

#include "capdash/err.h"

enum nn_arch {
	NN_MLP, /* in → 256 → ReLU → classes */
	NN_CNN  /* conv5x5 32 p2 → ReLU → pool2 → conv5x5 64 p2 → ReLU → pool2 →
	           fc 1024 → ReLU → fc classes */
};

struct nn_config {
	enum nn_arch arch;
	int channels, height, width, classes; /* input shape: 1×28×28×10, 3×32×32×10 */
	int batch;                            /* largest batch a step may get */
	int threads;                          /* worker threads, >= 1 */
	float lr, momentum, weight_decay;
};

struct nn;

/* Plan and allocate everything; parameters He-initialised from seed.
 * NULL with err filled on a bad config or no memory. */
struct nn *nn_new(const struct nn_config *cfg, uint64_t seed, struct cd_err *err);
void nn_free(struct nn *net);

/* One SGD-with-momentum step on n <= batch samples. Returns the mean loss. */
float nn_train_step(struct nn *net, const float *x, const uint8_t *y, int n);

/* Forward only: adds the summed loss to *loss_sum and the number of correct
 * predictions to *correct. */
void nn_eval(struct nn *net, const float *x, const uint8_t *y, int n, double *loss_sum,
             int64_t *correct);

void nn_set_lr(struct nn *net, float lr);

/* Flat views for checkpoints: every parameter, then every momentum buffer,
 * in a fixed documented order.  Sizes in floats.  The order is PyTorch's
 * state_dict with its layouts: conv1.weight (32, C*25), conv1.bias,
 * conv2.weight (64, 800), conv2.bias, fc1.weight (out, in), fc1.bias,
 * fc2.weight, fc2.bias (the mlp has only fc1 and fc2). */
size_t nn_param_count(const struct nn *net);
float *nn_params(struct nn *net);
float *nn_momentum(struct nn *net);

/* Training work per sample in FLOPs (forward + backward), for GFLOP/s. */
double nn_flops_per_sample(const struct nn *net);

/* A short description for logs: "cnn 1x28x28 → 10, 3,274,634 params". */
const char *nn_describe(const struct nn *net);

#endif
