// Catch2 (2.x, Debian's catch2 package) entry point for the native unit tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
