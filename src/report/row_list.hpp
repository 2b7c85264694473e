#pragma once

// Long lists of a view model (every comparison of a report as a LaTeX row or a JUnit test
// case) kept as a table of cells instead of one kainjow object per row. A kainjow object
// is a hash map that allocates for every key and value and copies deeply; tens of
// thousands of them cost more than rendering them. The view holds one placeholder item per
// row, and the context render_template gives kainjow (ViewContext) answers a lookup made
// inside a row from the row's cells, so templates see the same keys as with objects.
// Internal header (includes kainjow mustache).

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

namespace caws::report {

class RowList {
  public:
    // A list whose rows have these keys. `rows` is the number of rows expected (room is
    // reserved for them; more are fine).
    RowList(std::vector<std::string> columns, std::size_t rows);

    // A row being filled: set(key, value) for each key it has; a key left unset is absent
    // from the row, so a lookup of it goes on to the enclosing sections, as with an object.
    class Row {
      public:
        Row(RowList& list, std::size_t index) : list_(&list), index_(index) {}
        // Throws std::logic_error for a key the list was not declared with.
        void set(std::string_view key, kainjow::mustache::data value) const;

      private:
        RowList* list_;
        std::size_t index_;
    };

    Row add_row();
    std::size_t size() const { return rows_; }

    // The value of `key` in row `index`, or nullptr when the row does not have it.
    const kainjow::mustache::data* find(std::size_t index, std::string_view key) const;

    // The list value for the view: one placeholder per row, which ViewContext resolves
    // through this list (so the list must outlive rendering).
    kainjow::mustache::data placeholders() const;
    // The rows as kainjow objects, for a view that stands alone.
    kainjow::mustache::data objects() const;

  private:
    std::size_t column_of(std::string_view key) const;

    std::vector<std::string> columns_;
    std::vector<kainjow::mustache::data> cells_;  // row by row; invalid: not set
    std::size_t rows_ = 0;
};

// The row lists of one view, by key. Lists keep their address while the set lives.
class RowLists {
  public:
    RowList& add(std::string key, std::vector<std::string> columns, std::size_t rows);
    // Sets each list's key of `view`: to placeholders, or (`standalone`) to objects that
    // need neither this set nor ViewContext.
    void place_in(kainjow::mustache::data& view, bool standalone) const;

  private:
    std::deque<std::pair<std::string, RowList>> lists_;
};

// The row a placeholder item stands for, or nullptr when `item` is not a placeholder.
struct RowRef {
    const RowList* list;
    std::size_t index;
    std::string operator()() const { return {}; }  // a placeholder renders as nothing
};
const RowRef* row_of(const kainjow::mustache::data& item);

// kainjow's context (a stack of the values of the enclosing sections, searched from the
// innermost) that also looks into placeholder rows. Otherwise it resolves names exactly as
// kainjow::mustache::context does: "." is the innermost value, "a.b" walks members.
class ViewContext final : public kainjow::mustache::basic_context<std::string> {
  public:
    explicit ViewContext(const kainjow::mustache::data& view) { items_.push_back(&view); }
    void push(const kainjow::mustache::data* data) override { items_.push_back(data); }
    void pop() override { items_.pop_back(); }
    const kainjow::mustache::data* get(const std::string& name) const override;
    const kainjow::mustache::data* get_partial(const std::string& name) const override;

  private:
    std::vector<const kainjow::mustache::data*> items_;  // innermost last
};

// Row-building helpers matching those of view_fields.hpp for objects.
inline void put(const RowList::Row& row, std::string_view key, kainjow::mustache::data value) {
    row.set(key, std::move(value));
}
void put(const RowList::Row& row, std::string_view key, std::string value);
inline void put(const RowList::Row& row, std::string_view key, const char* value) {
    row.set(key, kainjow::mustache::data(value));
}

}  // namespace caws::report
