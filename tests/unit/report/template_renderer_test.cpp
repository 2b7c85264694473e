#include "report/template_renderer.hpp"

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;

std::string render_text(const std::string& text, const data& view) {
    TemplateSet templates;
    templates.override_template("t", text);
    return render_template("t", view, templates, [](std::string_view s) { return std::string(s); });
}

data flags() {
    data view;
    view.set("yes", data(data::type::bool_true));
    view.set("no", data(data::type::bool_false));
    data rows(data::type::list);
    for (const char* name : {"a", "b"}) {
        data row;
        row.set("name", name);
        rows.push_back(row);
    }
    view.set("rows", rows);
    return view;
}

TEST(TemplateRenderer, StandaloneSectionLinesVanishWhetherOrNotTheyRender) {
    EXPECT_EQ(render_text("A\n{{#no}}\nX\n{{/no}}\nB\n", flags()), "A\nB\n");
    EXPECT_EQ(render_text("A\n{{#yes}}\nX\n{{/yes}}\nB\n", flags()), "A\nX\nB\n");
    EXPECT_EQ(render_text("A\n{{^yes}}\nX\n{{/yes}}\n\nB\n", flags()), "A\n\nB\n");
    EXPECT_EQ(render_text("|h|\n{{#rows}}\n|{{name}}|\n{{/rows}}\nend\n", flags()),
              "|h|\n|a|\n|b|\nend\n");
    EXPECT_EQ(render_text("  {{! a comment }}  \nA\n", flags()), "A\n");
    EXPECT_EQ(render_text("inline {{#yes}}x{{/yes}} stays\n", flags()), "inline x stays\n");
}

TEST(TemplateRenderer, BlankLinesBeforeStandaloneTagsStay) {
    EXPECT_EQ(
        render_text("A\n{{#yes}}\n\n{{#rows}}\n- {{name}}\n{{/rows}}\n{{/yes}}\nB\n", flags()),
        "A\n\n- a\n- b\nB\n");
    EXPECT_EQ(render_text("A\n\n{{#no}}\nX\n{{/no}}\nB\n", flags()), "A\n\nB\n");
    EXPECT_EQ(render_text("A\n\n{{#yes}}\nX\n\n{{/yes}}\nB\n", flags()), "A\n\nX\n\nB\n");
}

TEST(TemplateRenderer, MixedInlineAndStandaloneTagsKeepTheSpecificationsLines) {
    // An inline opening tag with a standalone closing tag: each row keeps its newline.
    EXPECT_EQ(render_text("{{#rows}}- {{name}}\n{{/rows}}end\n", flags()), "- a\n- b\nend\n");
    // A standalone opening tag with an inline closing tag.
    EXPECT_EQ(render_text("{{#rows}}\n- {{name}}{{/rows}}\nend\n", flags()), "- a- b\nend\n");
    // Tags on the first and the last line, with CRLF line ends and indentation.
    EXPECT_EQ(render_text("  {{#yes}}\r\nX\r\n  {{/yes}}\r\n", flags()), "X\r\n");
    EXPECT_EQ(render_text("{{#no}}\nX\n{{/no}}", flags()), "");
    // Nested standalone tags on consecutive lines, the inner list empty.
    EXPECT_EQ(render_text("A\n{{#yes}}\n{{#no}}\nX\n{{/no}}\n{{/yes}}\nB\n", flags()), "A\nB\n");
}

TEST(TemplateRenderer, CustomEscaperAppliesToDoubleBracesOnly) {
    data view;
    view.set("v", "<b>");
    TemplateSet templates;
    templates.override_template("t", "{{v}} {{{v}}}");
    EXPECT_EQ(render_template("t", view, templates,
                              [](std::string_view s) {
                                  std::string escaped = "[";
                                  escaped.append(s);
                                  escaped += ']';
                                  return escaped;
                              }),
              "[<b>] <b>");
}

TEST(TemplateRenderer, InvalidTemplatesAreUserErrorsNamingTheTemplate) {
    TemplateSet templates;
    templates.override_template("markdown", "{{#open}} never closed");
    templates.set_origin("markdown", "my-templates/markdown.mustache");
    try {
        render_template("markdown", data(), templates,
                        [](std::string_view s) { return std::string(s); });
        FAIL();
    } catch (const util::Error& error) {
        EXPECT_EQ(std::string(error.what())
                      .rfind("my-templates/markdown.mustache: invalid template: ", 0),
                  0u)
            << error.what();
    }
}

}  // namespace
}  // namespace caws::report
