#include "json/strict.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "util/error.hpp"
#include "util/json_pointer.hpp"
#include "util/limits.hpp"
#include "util/text_position.hpp"

namespace caws::json {
namespace {

// Walks the parser's events keeping one frame per open array or object: its pointer
// component and, for objects, the keys seen so far.
class StrictHandler : public nlohmann::json_sax<nlohmann::json> {
  public:
    StrictHandler(std::string_view text, const std::string& path) : text_(text), path_(path) {}

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(true); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t& key) override {
        Frame& frame = frames_.back();
        if (frame.keys.size() < 16 && frame.key_set.empty()) {
            if (std::find(frame.keys.begin(), frame.keys.end(), key) != frame.keys.end()) {
                duplicate(key);
            }
            frame.keys.push_back(key);
        } else {
            if (frame.key_set.empty()) {
                frame.key_set.insert(frame.keys.begin(), frame.keys.end());
                frame.keys.clear();
            }
            if (!frame.key_set.insert(key).second) duplicate(key);
        }
        frame.key = key;
        return true;
    }
    // Syntax errors: stop quietly, the real parser reports them with their place. A number
    // out of the range of a double (1e400) is not one: nlohmann would throw it as an
    // out_of_range exception that no reader expects.
    bool parse_error(std::size_t position, const std::string& token,
                     const nlohmann::detail::exception& error) override {
        if (error.id == 406) {
            const std::size_t offset = position > 0 ? position - 1 : 0;
            throw util::Error(path_, util::describe(util::position_of(text_, offset)),
                              "expected a number within the range of a double, got " +
                                  (token.size() > 40 ? token.substr(0, 37) + "..." : token));
        }
        return false;
    }

  private:
    struct Frame {
        bool is_object = false;
        std::size_t next_index = 0;  // arrays: index of the next element
        std::string key;             // objects: the key of the current member
        std::vector<std::string> keys;
        std::unordered_set<std::string> key_set;  // used once an object has many keys
    };

    // Counts an element of the enclosing array.
    bool value() {
        if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().next_index;
        return true;
    }

    bool open(bool is_object) {
        value();
        if (frames_.size() >= util::k_max_json_depth) {
            throw util::Error(path_, pointer(),
                              "expected JSON nested at most " +
                                  std::to_string(util::k_max_json_depth) + " levels deep");
        }
        frames_.push_back(Frame{});
        frames_.back().is_object = is_object;
        return true;
    }

    bool close() {
        frames_.pop_back();
        return true;
    }

    // The pointer of the value being read.
    std::string pointer() const {
        std::string out;
        for (const Frame& frame : frames_) {
            out = frame.is_object ? util::pointer_append(out, frame.key)
                                  : util::pointer_append(out, frame.next_index - 1);
        }
        return out;
    }

    [[noreturn]] void duplicate(const std::string& key) const {
        // The pointer of the object itself (every frame but the innermost).
        std::string where;
        for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
            const Frame& frame = frames_[i];
            where = frame.is_object ? util::pointer_append(where, frame.key)
                                    : util::pointer_append(where, frame.next_index - 1);
        }
        std::string shown = key.size() > 60 ? key.substr(0, 57) + "..." : key;
        throw util::Error(path_, where.empty() ? "/" : where,
                          "expected each key once in an object, got \"" + shown + "\" twice");
    }

    std::string_view text_;
    const std::string& path_;
    std::vector<Frame> frames_;
};

}  // namespace

void check_strict(std::string_view text, const std::string& path) {
    StrictHandler handler(text, path);
    nlohmann::json::sax_parse(text, &handler, nlohmann::json::input_format_t::json, false, false);
}

std::string tidy_parse_message(const std::string& message) {
    const std::size_t column = message.find("column ");
    if (column != std::string::npos) {
        const std::size_t colon = message.find(": ", column);
        if (colon != std::string::npos) return message.substr(colon + 2);
    }
    const std::size_t bracket = message.find("] ");
    return bracket == std::string::npos ? message : message.substr(bracket + 2);
}

nlohmann::ordered_json parse_strict(std::string_view text, const std::string& path) {
    check_strict(text, path);
    try {
        return nlohmann::ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& error) {
        // nlohmann counts the byte it stopped at from 1.
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        throw util::Error(path, util::describe(util::position_of(text, offset)),
                          "invalid JSON: " + tidy_parse_message(error.what()));
    } catch (const nlohmann::json::out_of_range& error) {
        // A number too large for a double: check_strict reports it with its place first,
        // so this is only a safety net.
        throw util::Error(path, {}, "invalid JSON: " + tidy_parse_message(error.what()));
    }
}

}  // namespace caws::json
