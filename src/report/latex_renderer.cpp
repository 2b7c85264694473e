#include "report/latex_renderer.hpp"

#include "report/escape.hpp"
#include "report/row_list.hpp"
#include "report/template_renderer.hpp"
#include "report/view_model.hpp"

namespace caws::report {

std::string render_latex(const nlohmann::ordered_json& report, const TemplateSet& templates,
                         const LatexOptions& options) {
    using kainjow::mustache::data;
    RowLists rows;
    data view = build_view(report, ViewParts{false, true, false}, &rows);
    view.set("siunitx", data(options.siunitx ? data::type::bool_true : data::type::bool_false));
    view.set("standalone",
             data(options.standalone ? data::type::bool_true : data::type::bool_false));
    return render_template("latex", view, templates, escape_latex);
}

}  // namespace caws::report
