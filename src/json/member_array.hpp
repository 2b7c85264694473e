#pragma once

// Finding the objects of one large array in a JSON text without parsing the text whole.
//
// A results file is mostly one array of rows (Google Benchmark's "benchmarks"). Parsing it
// whole builds an index of every token of the file at once: 4 bytes per byte of input
// reserved, about half the input's size touched, and cache misses on all of it. Found
// first by a light scan (strings and nesting only, 64 bytes at a time), each row can be
// parsed alone with one small parser, reused, whose index stays in the cache; the rest of
// the file (the context, and the array's brackets) is parsed as a text of its own.
//
// The scan does not validate: whatever it passes over is parsed later (the rows, the rest),
// and the text between rows must be white space and one comma each. When it finds
// anything else it gives up, and the caller parses the text whole, which says exactly
// what is wrong.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caws::json {

// Called with the offset and length of each element of the array as the scan finds it.
using ElementVisitor = std::function<void(std::size_t offset, std::size_t length)>;

// Where the array of a top-level member is, and its elements, all objects.
struct MemberArray {
    std::size_t open = 0;   // offset of the array's '['
    std::size_t close = 0;  // offset of its ']'
    struct Element {
        std::size_t offset = 0;  // of the object's '{'
        std::size_t length = 0;  // to its '}' included
    };
    std::vector<Element> elements;  // empty when they were given to a visitor

    // The text without the elements: what is before the array, "[]", what is after it.
    std::string rest(std::string_view text) const;
};

// The array that the first member named `key` (a key without escapes) of the top-level
// object of `text` holds, when every element of it is an object; nullopt when the text is
// not shaped so (another top-level value, no such member, a member that is not an array,
// an element that is not an object, anything but one comma between elements, or a text
// that ends inside a string or a value). With `visit`, each element is given to it as soon
// as it is found (while its bytes are in the cache) instead of kept; what `visit` throws
// ends the scan.
std::optional<MemberArray> find_member_array(std::string_view text, std::string_view key,
                                             const ElementVisitor* visit = nullptr);

}  // namespace caws::json
