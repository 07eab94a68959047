"""Electronic signatures (PAdES) of final documents: the signer's certificate kept
encrypted (``keystore``), signing with pyHanko (``pades``), verification (``verify``),
the trust list of accepted roots (``trust``) and the document workflow (``service``)."""
