/*
 * feedback-vector.c: creating FeedbackVectors.
 */
#include "ic/feedback-vector.h"

#include "heap/factory.h"

Handle feedback_vector_new(Isolate *iso, int slot_count) {
  return factory_new_fixed_array_with_map(iso, ROOT_feedback_vector_map,
                                          (int64_t)slot_count * kFeedbackSlotWords,
                                          ROOT(iso, undefined_value));
}
