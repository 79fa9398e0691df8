package test.door;

/** Not java.time.Duration: the facade must tell them apart. */
record Duration(int seconds) {}
