/*
 * feedback-vector.h: the FeedbackVector of a closure (ic/feedback-vector.c).
 *
 * FixedArray layout, map feedback_vector_map (FEEDBACK_VECTOR_TYPE):
 *
 *   | map | length = 2 * slots | slot 0 word 0 | slot 0 word 1 | slot 1 word 0 | ... |
 *
 * Every Slot operand of a bytecode (bytecodes.h) names one slot: the inline cache of that
 * site. A vector is created on a closure's first call (interpreter) when its BytecodeArray
 * has feedback slots, and kept in the closure's feedback_vector field.
 *
 * What a slot holds depends on the bytecode (ic/ic.h draws each kind). Common states of
 * word 0: undefined (uninitialised: the site has not run), a Map (monomorphic), a
 * FixedArray of (map, handler) pairs (polymorphic, up to kMaxPolymorphism), or the Smi
 * kFeedbackMegamorphic (too many maps: the site always takes the generic path).
 */
#ifndef KILN_IC_FEEDBACK_VECTOR_H_
#define KILN_IC_FEEDBACK_VECTOR_H_

#include "execution/isolate.h"

enum { kFeedbackSlotWords = 2, kMaxPolymorphism = 4 };

#define kFeedbackMegamorphic ((Tagged)smi_from_int(-1))

/* A new vector of slot_count slots, all uninitialised. May allocate. */
Handle feedback_vector_new(Isolate *iso, int slot_count);

KILN_INLINE int feedback_vector_slot_count(Tagged fv) {
  return (int)(fixed_array_length(fv) / kFeedbackSlotWords);
}
/* The two words of slot `slot`. */
KILN_INLINE Tagged *feedback_vector_slot(Tagged fv, int slot) {
  DCHECK(slot >= 0 && slot < feedback_vector_slot_count(fv));
  return fixed_array_data(fv) + (size_t)slot * kFeedbackSlotWords;
}
KILN_INLINE Tagged feedback_vector_get(Tagged fv, int slot, int word) {
  return feedback_vector_slot(fv, slot)[word];
}
KILN_INLINE void feedback_vector_set(Tagged fv, int slot, int word, Tagged value) {
  Tagged *p = feedback_vector_slot(fv, slot) + word;
  *p = value;
  heap_write_barrier(fv, p, value);
}

#endif /* KILN_IC_FEEDBACK_VECTOR_H_ */
