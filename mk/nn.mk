# mk/nn.mk — the network's files (src/train/nn*.c) are the trainer's hot
# loops: -O3 lets GCC vectorise them, and NN_MULTIVERSION (nn_impl.h)
# builds AVX-512 / AVX2 / baseline copies of the elementwise ones, picked
# at run time.  Appended last, so it also wins over OPT=-O1 of sanitizer
# builds (which stay correct, just faster).
$(BUILD)/obj/train/nn%.o: CFLAGS += -O3
