#include "report/row_list.hpp"

#include <stdexcept>
#include <utility>

#include "report/view_fields.hpp"

namespace caws::report {

using kainjow::mustache::data;

RowList::RowList(std::vector<std::string> columns, std::size_t rows)
    : columns_(std::move(columns)) {
    cells_.reserve(columns_.size() * rows);
}

std::size_t RowList::column_of(std::string_view key) const {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i] == key) return i;
    }
    return columns_.size();
}

void RowList::Row::set(std::string_view key, data value) const {
    const std::size_t column = list_->column_of(key);
    if (column == list_->columns_.size()) {
        throw std::logic_error("row list has no key \"" + std::string(key) + "\"");
    }
    list_->cells_[index_ * list_->columns_.size() + column] = std::move(value);
}

RowList::Row RowList::add_row() {
    // kainjow's data is not nothrow-movable: a vector of it copies every cell when it
    // grows, so the constructor reserves room for the expected rows.
    for (std::size_t i = 0; i < columns_.size(); ++i) cells_.emplace_back(data::type::invalid);
    return Row(*this, rows_++);
}

const data* RowList::find(std::size_t index, std::string_view key) const {
    const std::size_t column = column_of(key);
    if (column == columns_.size() || index >= rows_) return nullptr;
    const data& cell = cells_[index * columns_.size() + column];
    return cell.is_invalid() ? nullptr : &cell;
}

data RowList::placeholders() const {
    data out(data::type::list);
    auto& items = rows_of(out);
    items.reserve(rows_);
    for (std::size_t i = 0; i < rows_; ++i) {
        items.emplace_back(kainjow::mustache::partial(RowRef{this, i}));
    }
    return out;
}

data RowList::objects() const {
    data out(data::type::list);
    auto& items = rows_of(out);
    items.reserve(rows_);
    for (std::size_t i = 0; i < rows_; ++i) {
        data& row = items.emplace_back(data::type::object);
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            const data& cell = cells_[i * columns_.size() + c];
            if (!cell.is_invalid()) row.set(columns_[c], cell);
        }
    }
    return out;
}

RowList& RowLists::add(std::string key, std::vector<std::string> columns, std::size_t rows) {
    return lists_
        .emplace_back(std::piecewise_construct, std::forward_as_tuple(std::move(key)),
                      std::forward_as_tuple(std::move(columns), rows))
        .second;
}

void RowLists::place_in(data& view, bool standalone) const {
    for (const auto& [key, list] : lists_) {
        put(view, key, standalone ? list.objects() : list.placeholders());
    }
}

const RowRef* row_of(const data& item) {
    if (!item.is_partial()) return nullptr;
    return item.partial_value().target<RowRef>();
}

namespace {

// A member of a value on the context stack: a placeholder row's cell or an object's key.
const data* member(const data& item, const std::string& name) {
    if (const RowRef* row = row_of(item)) return row->list->find(row->index, name);
    return item.get(name);
}

}  // namespace

const data* ViewContext::get(const std::string& name) const {
    if (name == ".") return items_.back();
    if (name.find('.') == std::string::npos) {
        for (auto item = items_.rbegin(); item != items_.rend(); ++item) {
            if (const data* found = member(**item, name)) return found;
        }
        return nullptr;
    }
    // "a.b.c": the first value on the stack that has the whole path.
    const std::vector<std::string> names = kainjow::mustache::split(name, '.');
    for (auto item = items_.rbegin(); item != items_.rend(); ++item) {
        const data* value = *item;
        for (const std::string& part : names) {
            value = member(*value, part);
            if (value == nullptr) break;
        }
        if (value != nullptr) return value;
    }
    return nullptr;
}

const data* ViewContext::get_partial(const std::string& name) const {
    for (auto item = items_.rbegin(); item != items_.rend(); ++item) {
        if (const data* found = member(**item, name)) return found;
    }
    return nullptr;
}

void put(const RowList::Row& row, std::string_view key, std::string value) {
    row.set(key, text(std::move(value)));
}

}  // namespace caws::report
