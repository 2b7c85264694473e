#pragma once

// Checks every results file and every run passes before caws-gate uses them, whatever
// reader read them: the text is UTF-8 without NUL bytes, names are short and printable,
// and a run has a bounded number of metrics (util/limits.hpp). Reports and annotations can
// then embed any name without producing invalid JSON or XML.

#include <string>
#include <string_view>

#include "model/run.hpp"

namespace caws::ingest {

// Throws util::Error(path, "line L, column C", ...) at the first byte that is not UTF-8
// or is NUL.
void check_text_encoding(std::string_view text, const std::string& path);

// Throws util::Error(path, "line L, column C", ...) at the first line longer than
// util::k_max_line_bytes.
void check_line_lengths(std::string_view text, const std::string& path);

// Throws util::Error naming `path` when the run has more than util::k_max_metrics
// metrics, or a benchmark or measure name that is empty of meaning to a gate: longer than
// util::k_max_name_bytes, not UTF-8, or holding a control character (U+0000-U+001F,
// U+007F). `text`, when given, is searched for the name so that the message can say where.
void check_run(const model::Run& run, const std::string& path, std::string_view text = {});

// Turns every -0 among the run's samples and summary values into +0: a time or size of
// "-0" is zero, and reports should not print a sign for it.
void normalize_zeros(model::Run& run);

// A name as messages quote it: at most 60 characters, control characters and bytes that
// are not UTF-8 written as \n, \u0000 or \xFF.
std::string printable_name(std::string_view name);

}  // namespace caws::ingest
