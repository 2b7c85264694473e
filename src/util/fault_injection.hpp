#pragma once

// A testing hook for crash safety: the steps that change files on disk (inside
// util::write_file_atomic and the multi-file baseline update) are numbered fault points,
// and the environment variable CAWS_GATE_FAULT_INJECT kills the process at one of them,
// so that a test can stop an update at every step and check what is left on disk.
//
//   CAWS_GATE_FAULT_INJECT=N     the N-th fault point (from 1) sends SIGKILL to the
//                                process itself: no destructor, no flush, no cleanup,
//                                as with a crash or a power cut of the process
//   CAWS_GATE_FAULT_INJECT=list  each fault point prints "caws-gate: fault point N:
//                                STEP PATH" to stderr, and the run goes on
//
// Unset, empty or anything else: fault points cost one load of a flag and do nothing.
// The variable is read once, at the first fault point.

#include <string_view>

namespace caws::util {

// Counts one fault point, `step` (a short name such as "before-rename") on `path`, and
// kills the process here when CAWS_GATE_FAULT_INJECT names it.
void fault_point(std::string_view step, std::string_view path);

// True when CAWS_GATE_FAULT_INJECT is active (a number or "list"). Callers use it to split
// a step into smaller ones only when a test asks for it.
bool fault_injection_active();

}  // namespace caws::util
