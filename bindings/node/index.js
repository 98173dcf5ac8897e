'use strict';

// type-pointer: seed 000's API on top of the C add-on in src/type_pointer.c.
// Every address is checked against this environment's table of slots before
// it is used; a bad one throws a TypeError (see README.md, "Safety model").

const binding = require('./build/Release/type_pointer.node');

class TypePointer {
  // Stores `value` in a new slot; returns the slot's address, e.g. '0x55d0c8a1b2c0'.
  mallocValueAddr(value) {
    return binding.malloc(value);
  }

  // Returns the value stored at `addr` (hex string or number).
  readValueByAddr(addr) {
    return binding.read(addr);
  }

  // Replaces the value stored at `addr`, releasing the old one; returns the address.
  writeValueByAddr(addr, value) {
    return binding.write(addr, value);
  }

  // Releases the slot and its value; returns true. The address is dead afterwards.
  freeValueByAddr(addr) {
    return binding.free(addr);
  }

  // Not in seed 000: counts for this environment (thread), for leak checks.
  // { live, quarantined, tableCapacity }
  static stats() {
    return binding.stats();
  }
}

module.exports = TypePointer;
