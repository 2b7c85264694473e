#include "json/document.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "util/error.hpp"

namespace caws::json {
namespace {

namespace od = simdjson::ondemand;

// Reads /values as numbers from `text`.
std::vector<double> numbers(const std::string& text) {
    Document doc("in.json", text);
    std::vector<double> out;
    read_guarded(doc, Path(), [&] {
        const Path root;
        for (auto field : doc.root_object()) {
            const Path at = root.child("values");
            std::size_t i = 0;
            for (auto element : doc.array(field.value(), at)) {
                out.push_back(doc.number(element.value(), at.child(i++)));
            }
        }
    });
    return out;
}

std::string error_of(const std::function<void()>& body) {
    try {
        body();
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

// Keys and strings without escapes are views of the text; with escapes they are unescaped.
TEST(Document, KeysAndStringsAreReadWithAndWithoutEscapes) {
    Document doc("in.json", R"({"plain": "text", "e\u0073caped\"": "a\nb\"", "": ""})");
    std::vector<std::pair<std::string, std::string>> fields;
    read_guarded(doc, Path(), [&] {
        const Path root;
        for (auto field : doc.root_object()) {
            const std::string_view name = key(field);
            fields.emplace_back(name, doc.string(field.value(), root.child(name)));
        }
    });
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"plain", "text"}, {"escaped\"", "a\nb\""}, {"", ""}};
    EXPECT_EQ(fields, expected);
}

TEST(Document, AcceptsBareNaNAndInfinityTokens) {
    const auto values = numbers(R"({"values": [1.5, NaN, -NaN, Infinity, -Infinity, 2]})");
    ASSERT_EQ(values.size(), 6u);
    EXPECT_EQ(values[0], 1.5);
    EXPECT_TRUE(std::isnan(values[1]));
    EXPECT_TRUE(std::isnan(values[2]));
    EXPECT_EQ(values[3], std::numeric_limits<double>::infinity());
    EXPECT_EQ(values[4], -std::numeric_limits<double>::infinity());
    EXPECT_EQ(values[5], 2);
}

TEST(Document, LeavesNaNInsideStringsAlone) {
    Document doc("in.json", R"({"name": "NaN Infinity", "x": NaN})");
    std::string name;
    read_guarded(doc, Path(), [&] {
        for (auto field : doc.root_object()) {
            if (std::string_view(field.unescaped_key()) == "name") {
                name = doc.string(field.value(), Path());
            }
        }
    });
    EXPECT_EQ(name, "NaN Infinity");
}

TEST(Document, TypeErrorsNameThePointerAndTheValue) {
    EXPECT_EQ(error_of([] { numbers(R"({"values": [1, "fast"]})"); }),
              "in.json: /values/1: expected a number, got \"fast\"");
    EXPECT_EQ(error_of([] { numbers(R"({"values": [1, {"a": 1}]})"); }),
              "in.json: /values/1: expected a number, got an object");
    EXPECT_EQ(error_of([] { numbers(R"({"values": 3})"); }),
              "in.json: /values: expected an array, got 3");
}

TEST(Document, SyntaxErrorsNameLineAndColumn) {
    EXPECT_EQ(error_of([] { numbers("{\n  \"values\": [1,\n  2,,\n]}"); }),
              "in.json: line 3, column 5: invalid JSON: syntax error while parsing value - "
              "unexpected ','; expected '[', '{', or a literal");
    EXPECT_EQ(error_of([] { numbers("this is not json"); }),
              "in.json: line 1, column 2: invalid JSON: syntax error while parsing value - "
              "invalid literal; last read: 'th'");
    EXPECT_EQ(error_of([] { numbers(""); }),
              "in.json: line 1, column 1: invalid JSON: syntax error while parsing value - "
              "unexpected end of input; expected '[', '{', or a literal");
}

TEST(Document, SyntaxErrorPositionsIgnoreTheQuotesAddedAroundNaN) {
    EXPECT_EQ(error_of([] { numbers(R"({"values": [NaN, NaN, 1 2]})"); }),
              "in.json: line 1, column 25: invalid JSON: syntax error while parsing array - "
              "unexpected number literal; expected ']'");
}

TEST(Document, TopLevelMustBeAnObject) {
    EXPECT_EQ(error_of([] { numbers("[1, 2]"); }),
              "in.json: expected a JSON object at the top level");
}

TEST(Document, RootArraysSayWhatWasExpected) {
    const auto count = [](const std::string& text) {
        Document doc("in.json", text);
        std::size_t n = 0;
        read_guarded(doc, Path(), [&] {
            for (auto element : doc.root_array("expected a JSON array of benchmarks")) {
                (void)element;
                ++n;
            }
        });
        return n;
    };
    EXPECT_EQ(count("[1, 2, 3]"), 3u);
    EXPECT_EQ(error_of([&] { count(R"({"a": 1})"); }),
              "in.json: expected a JSON array of benchmarks");
    EXPECT_EQ(error_of([&] { count("[1, 2"); }),
              "in.json: line 1, column 6: invalid JSON: syntax error while parsing array - "
              "unexpected end of input; expected ']'");
}

TEST(Document, PathsAreBuiltOnlyWhenNeeded) {
    const Path root;
    const Path a = root.child("benchmarks");
    const Path b = a.child(std::size_t{12});
    const Path c = b.child("real/time");
    EXPECT_EQ(c.str(), "/benchmarks/12/real~1time");
    EXPECT_EQ(root.str(), "");
}

// The error of reading each element of /v of `text` with `read`, or "no error".
std::string element_error(const std::string& text,
                          const std::function<void(Document&, od::value, const Path&)>& read) {
    Document doc("in.json", text);
    return error_of([&] {
        read_guarded(doc, Path(), [&] {
            const Path root;
            for (auto field : doc.root_object()) {
                const Path at = root.child("v");
                std::size_t i = 0;
                for (auto element : doc.array(field.value(), at)) {
                    read(doc, element.value(), at.child(i++));
                }
            }
        });
    });
}

TEST(Document, FiniteOrNullRefusesNaNAndInfinityTokens) {
    const auto finite = [](Document& doc, od::value value, const Path& where) {
        (void)doc.finite_or_null(value, where);
    };
    EXPECT_EQ(element_error(R"({"v": [1, null, -2.5]})", finite), "no error");
    EXPECT_EQ(element_error(R"({"v": [1, null, NaN]})", finite),
              "in.json: /v/2: expected a finite number");
    EXPECT_EQ(element_error(R"({"v": [1, "x"]})", finite),
              "in.json: /v/1: expected a number, got \"x\"");
}

TEST(Document, CountsAreNonNegativeIntegers) {
    const auto count = [](Document& doc, od::value value, const Path& where) {
        (void)doc.count(value, where);
    };
    EXPECT_EQ(element_error(R"({"v": [3, 3.0, 18446744073709551615]})", count), "no error");
    EXPECT_EQ(element_error(R"({"v": [-1]})", count),
              "in.json: /v/0: expected a count of at least 0");
    EXPECT_EQ(element_error(R"({"v": [1.5]})", count),
              "in.json: /v/0: expected an integer, got 1.5");
}

}  // namespace
}  // namespace caws::json
