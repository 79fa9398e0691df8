package io.troupe.factory;

/** A job waits for the worker the user's function names, checked to exist. */
final class CustomRouter<K> implements Router<K> {
  private final KeyRouter<? super K> function;

  CustomRouter(KeyRouter<? super K> function) {
    this.function = function;
  }

  @Override
  public int route(K key, int workers) {
    int worker = function.workerFor(key, workers);
    if (worker < 0 || worker >= workers) {
      throw new IllegalStateException(outOfRange(key, worker, workers));
    }
    return worker;
  }

  static String outOfRange(Object key, int worker, int workers) {
    return "custom routing sent key "
        + key
        + " to worker "
        + worker
        + ", but the factory has "
        + workers
        + " workers (valid indexes 0 to "
        + (workers - 1)
        + ")";
  }

  @Override
  public boolean usesSharedQueue() {
    return false;
  }
}
