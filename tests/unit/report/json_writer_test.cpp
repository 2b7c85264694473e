#include "report/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace caws::report {
namespace {

using nlohmann::ordered_json;

// One call of each kind, with the strings and numbers whose text is hardest to get right.
void write_sample(JsonWriter& out) {
    out.begin_object();
    out.begin_array("strings");
    for (const char* text :
         {"", "BM_Fast/64", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak", "bell\x07",
          "\x1f", "µs ≥ ∞", "bad \xff\xfe bytes", "cut \xe2\x82", "/slash/"}) {
        out.string(text);
    }
    out.end_array();
    out.begin_array("numbers");
    const double inf = std::numeric_limits<double>::infinity();
    for (const double value :
         {0.0, -0.0, 2.0, 0.1, 1e-5, 1.5e-300, 123456789.125, 1e21, -3.75,
          std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min(), inf, -inf,
          std::numeric_limits<double>::quiet_NaN()}) {
        out.number(value);
    }
    out.end_array();
    field(out, "count", std::size_t{0});
    field(out, "largest", std::numeric_limits<std::uint64_t>::max());
    field(out, "integer", std::int64_t{-68});
    field(out, "yes", true);
    field(out, "absent", std::optional<double>());
    field(out, "present", std::optional<double>(0.25));
    field(out, "list", std::vector<std::string>{"a", "b"});
    field(out, "none", std::vector<std::string>{});
    out.key("null");
    out.null();
    out.begin_object("empty object");
    out.end_object();
    out.begin_object("key \"quoted\"\n");
    out.begin_array("nested");
    out.begin_array();
    out.end_array();
    out.begin_object();
    field(out, "x", 1.0);
    out.end_object();
    out.end_array();
    out.end_object();
    out.key("tree");
    out.tree(ordered_json{{"a", ordered_json::array({1, "two", nullptr})},
                          {"b", ordered_json::object()},
                          {"c", {{"d", ordered_json::array()}, {"e", 2.5}}}});
    out.key("scalar tree");
    out.tree(ordered_json(7));
    out.end_object();
}

TEST(JsonWriter, TheTextIsTheDumpOfTheTree) {
    JsonTree tree;
    write_sample(tree);
    std::string text;
    JsonText out(text);
    write_sample(out);
    EXPECT_EQ(text, tree.result().dump(2, ' ', false, ordered_json::error_handler_t::replace));
}

TEST(JsonWriter, NumbersThatAreNotFiniteAreNull) {
    JsonTree tree;
    write_sample(tree);
    const ordered_json& numbers = tree.result().at("numbers");
    EXPECT_TRUE(numbers.at(11).is_null());
    EXPECT_TRUE(numbers.at(12).is_null());
    EXPECT_TRUE(numbers.at(13).is_null());
    EXPECT_EQ(tree.result().at("present"), 0.25);
    EXPECT_TRUE(tree.result().at("absent").is_null());
}

TEST(JsonWriter, EmptyContainersAndScalarsAtTheTop) {
    for (int kind = 0; kind < 3; ++kind) {
        JsonTree tree;
        std::string text;
        JsonText out(text);
        for (JsonWriter* writer :
             {static_cast<JsonWriter*>(&tree), static_cast<JsonWriter*>(&out)}) {
            if (kind == 0) {
                writer->begin_array();
                writer->end_array();
            } else if (kind == 1) {
                writer->begin_object();
                writer->end_object();
            } else {
                writer->string("alone");
            }
        }
        EXPECT_EQ(text, tree.result().dump(2)) << kind;
    }
}

}  // namespace
}  // namespace caws::report
