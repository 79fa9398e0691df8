module demo {
  requires io.troupe.runtime;
}
