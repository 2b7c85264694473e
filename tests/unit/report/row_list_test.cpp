#include "report/row_list.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "report/template_renderer.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;

// A template touching every way a row is looked into: its own keys, keys it lacks (found
// in the view), a key shadowing the view's, sections on its booleans, ".", dotted names,
// a list of the view inside a row, partials, and the list's emptiness.
constexpr const char* k_template =
    "{{#rows}}[{{name}}|{{title}}|{{shadowed}}|{{#flag}}F{{/flag}}{{^flag}}f{{/flag}}|"
    "{{.}}|{{#.}}{{name}}{{/.}}|{{meta.version}}|{{name.x}}|{{#tags}}<{{tag}}:{{name}}>{{/tags}}|"
    "{{>partial}}|{{#missing}}M{{/missing}}]\n{{/rows}}"
    "{{^rows}}none\n{{/rows}}{{#empty}}E{{/empty}}{{^empty}}no cases\n{{/empty}}";

data view_with(RowLists& lists, bool standalone) {
    data view;
    view.set("title", "T");
    view.set("shadowed", "view");
    view.set("partial", "(p {{name}})");
    data meta;
    meta.set("version", "1.2");
    view.set("meta", meta);
    data tags(data::type::list);
    for (const char* tag : {"x", "y"}) {
        data entry;
        entry.set("tag", tag);
        tags.push_back(entry);
    }
    view.set("tags", tags);
    RowList& rows = lists.add("rows", {"name", "shadowed", "flag"}, 2);
    const RowList::Row first = rows.add_row();
    put(first, "name", std::string("a&b"));
    put(first, "flag", data(data::type::bool_true));
    const RowList::Row second = rows.add_row();  // no "shadowed": the view's shows through
    put(second, "name", "c");
    put(second, "shadowed", "row");  // set twice: the last value counts
    put(second, "shadowed", "row2");
    put(second, "flag", data(data::type::bool_false));
    lists.add("empty", {"name"}, 0);
    lists.place_in(view, standalone);
    return view;
}

std::string render(const data& view) {
    TemplateSet templates;
    templates.override_template("t", k_template);
    return render_template("t", view, templates, [](std::string_view s) {
        std::string escaped;
        for (const char c : s) escaped += c == '&' ? std::string("&amp;") : std::string(1, c);
        return escaped;
    });
}

TEST(RowList, RowsRenderAsTheSameRowsAsObjectsWould) {
    const std::string expected =
        "[a&amp;b|T|view|F||a&amp;b|1.2||<x:a&amp;b><y:a&amp;b>|(p a&amp;b)|]\n"
        "[c|T|row2|f||c|1.2||<x:c><y:c>|(p c)|]\n"
        "no cases\n";
    RowLists lists;
    EXPECT_EQ(render(view_with(lists, false)), expected);
    RowLists standalone_lists;
    const data standalone = view_with(standalone_lists, true);
    EXPECT_EQ(render(standalone), expected);

    // The objects rendered by kainjow's own context, without ViewContext, agree.
    kainjow::mustache::mustache plain{strip_standalone_tags(k_template)};
    plain.set_custom_escape([](const std::string& s) {
        std::string escaped;
        for (const char c : s) escaped += c == '&' ? std::string("&amp;") : std::string(1, c);
        return escaped;
    });
    EXPECT_EQ(finish_rendering(plain.render(standalone)), expected);
}

TEST(RowList, ACopiedViewStillFindsItsRows) {
    RowLists lists;
    const data view = view_with(lists, false);
    const data copy = view;  // NOLINT(performance-unnecessary-copy-initialization)
    EXPECT_EQ(render(copy), render(view));
}

TEST(RowList, NoRowsRenderTheInvertedSection) {
    RowLists lists;
    lists.add("rows", {"name"}, 0);
    data view;
    lists.place_in(view, false);
    EXPECT_EQ(render(view), "none\nno cases\n");
}

TEST(RowList, FindSeesOnlyTheKeysARowHas) {
    RowList rows({"name", "value"}, 1);
    put(rows.add_row(), "name", "n");
    ASSERT_NE(rows.find(0, "name"), nullptr);
    EXPECT_EQ(rows.find(0, "name")->string_value(), "n");
    EXPECT_EQ(rows.find(0, "value"), nullptr);
    EXPECT_EQ(rows.find(0, "other"), nullptr);
    EXPECT_EQ(rows.find(1, "name"), nullptr);
    EXPECT_EQ(rows.size(), 1u);
}

TEST(RowList, SettingAnUndeclaredKeyIsAProgrammingError) {
    RowList rows({"name"}, 1);
    EXPECT_THROW(put(rows.add_row(), "nmae", "typo"), std::logic_error);
}

TEST(RowList, RowsGrowBeyondTheExpectedCount) {
    RowList rows({"name"}, 1);
    for (int i = 0; i < 100; ++i) put(rows.add_row(), "name", std::to_string(i));
    EXPECT_EQ(rows.size(), 100u);
    EXPECT_EQ(rows.find(99, "name")->string_value(), "99");
    EXPECT_EQ(rows.find(0, "name")->string_value(), "0");
}

}  // namespace
}  // namespace caws::report
