#include "ingest/catch2_xml_reader.hpp"

#include <pugixml.hpp>

#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "ingest/catch2_results.hpp"
#include "ingest/text_cursor.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/text_position.hpp"

namespace caws::ingest {
namespace {

class Catch2XmlReader {
  public:
    Catch2XmlReader(std::string_view text, const std::string& path, model::Run& run)
        : text_(text), path_(path), run_(run) {}

    void read() {
        const pugi::xml_parse_result parsed = document_.load_buffer(
            text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed) {
            std::string what = parsed.description();
            if (!what.empty()) what[0] = static_cast<char>(std::tolower(what[0]));
            fail_at(static_cast<std::size_t>(parsed.offset), "expected well-formed XML: " + what);
        }
        const pugi::xml_node root = document_.document_element();
        const std::string_view root_name = root.name();
        if (root_name != "Catch" && root_name != "Catch2TestRun") {
            fail(root, "expected a Catch2 XML report (<Catch> or <Catch2TestRun>), got <" +
                           std::string(root_name) + ">");
        }
        if (const auto name = root.attribute("name")) run_.context.executable = name.value();
        if (const auto version = root.attribute("catch2-version")) {
            run_.context.extra.emplace_back("catch2_version", version.value());
        }
        walk(root, {}, {});
        if (results_.empty()) {
            throw util::Error(path_, {},
                              "expected at least one <BenchmarkResults> element, found none");
        }
        run_.metrics = catch2_metrics(std::move(results_), run_.notes);
    }

  private:
    // Visits the elements under `node`, knowing the test case and section path it is in.
    void walk(const pugi::xml_node& node, const std::string& test_case,
              const std::string& section) {
        for (const pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            const std::string_view name = child.name();
            if (name == "TestCase") {
                walk(child, child.attribute("name").value(), {});
            } else if (name == "Section") {
                const std::string here = child.attribute("name").value();
                walk(child, test_case, section.empty() ? here : section + " / " + here);
            } else if (name == "BenchmarkResults") {
                benchmark(child, test_case, section);
            } else {
                walk(child, test_case, section);
            }
        }
    }

    void benchmark(const pugi::xml_node& node, const std::string& test_case,
                   const std::string& section) {
        Catch2Result result;
        result.test_case = test_case;
        result.section = section;
        const pugi::xml_attribute name = node.attribute("name");
        if (!name) fail(node, "expected a \"name\" attribute on <BenchmarkResults>");
        result.name = name.value();
        if (const pugi::xml_node failed = node.child("failed")) {
            result.status = model::Status::failed;
            result.message = failed.attribute("message").value();
            results_.push_back(std::move(result));
            return;
        }
        const double samples = number(node, "samples");
        if (samples < 0 || samples != std::floor(samples)) {
            fail(node, "expected a whole number of samples, got \"" +
                           std::string(node.attribute("samples").value()) + "\"");
        }
        result.summary.n = static_cast<std::size_t>(samples);
        const pugi::xml_node mean = node.child("mean");
        if (!mean) fail(node, "expected a <mean> element in <BenchmarkResults>");
        result.summary.mean = nanoseconds(mean);
        const pugi::xml_node deviation = node.child("standardDeviation");
        // ci="0": --benchmark-no-analysis, which computes no standard deviation.
        const bool analysed = std::string_view(mean.attribute("ci").value()) != "0";
        if (deviation && analysed) result.summary.stddev = nanoseconds(deviation);
        results_.push_back(std::move(result));
    }

    double nanoseconds(const pugi::xml_node& node) {
        const double value = number(node, "value");
        if (!std::isfinite(value) || value < 0) {
            fail(node, "expected a finite, non-negative time in \"value\" of <" +
                           std::string(node.name()) + ">, got \"" +
                           node.attribute("value").value() + "\"");
        }
        return *parse_scaled_number(util::trim(node.attribute("value").value()), -9);
    }

    double number(const pugi::xml_node& node, const char* attribute) {
        const pugi::xml_attribute found = node.attribute(attribute);
        if (!found) {
            fail(node, "expected a \"" + std::string(attribute) + "\" attribute on <" +
                           node.name() + ">");
        }
        const auto value = parse_number(util::trim(found.value()));
        if (!value) {
            fail(node, "expected a number in \"" + std::string(attribute) + "\" of <" +
                           node.name() + ">, got " + in_quotes(found.value()));
        }
        return *value;
    }

    [[noreturn]] void fail(const pugi::xml_node& node, const std::string& what) const {
        const std::ptrdiff_t offset = node.offset_debug();
        // offset_debug() points at the element's name; step back to its '<'.
        fail_at(offset > 0 ? static_cast<std::size_t>(offset - 1) : 0, what);
    }

    [[noreturn]] void fail_at(std::size_t offset, const std::string& what) const {
        throw util::Error(path_, util::describe(util::position_of(text_, offset)), what);
    }

    std::string_view text_;
    const std::string& path_;
    model::Run& run_;
    pugi::xml_document document_;
    std::vector<Catch2Result> results_;
};

}  // namespace

model::Run parse_catch2_xml(std::string_view text, const model::Source& source,
                            const ReadOptions& /*options*/) {
    model::Run run;
    run.sources.push_back(source);
    Catch2XmlReader(text, source.path, run).read();
    return run;
}

bool looks_like_catch2_xml(std::string_view text) {
    const std::string_view head = text.substr(0, 4096);
    std::size_t at = 0;
    // Skip the declaration, comments and processing instructions before the root.
    for (;;) {
        at = head.find('<', at);
        if (at == std::string_view::npos || at + 1 >= head.size()) return false;
        const char next = head[at + 1];
        if (next != '?' && next != '!') break;
        ++at;
    }
    const std::string_view root = head.substr(at + 1);
    for (const std::string_view name :
         {std::string_view("Catch2TestRun"), std::string_view("Catch")}) {
        if (root.starts_with(name) && root.size() > name.size() &&
            (root[name.size()] == ' ' || root[name.size()] == '>' || root[name.size()] == '\n' ||
             root[name.size()] == '\t' || root[name.size()] == '\r')) {
            return true;
        }
    }
    return false;
}

}  // namespace caws::ingest
