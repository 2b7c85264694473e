#include "report/junit_renderer.hpp"

#include "report/escape.hpp"
#include "report/row_list.hpp"
#include "report/template_renderer.hpp"
#include "report/view_model.hpp"

namespace caws::report {

std::string render_junit(const nlohmann::ordered_json& report, const TemplateSet& templates) {
    RowLists cases;
    return render_template("junit", build_view(report, ViewParts{false, false, true}, &cases),
                           templates, escape_xml);
}

}  // namespace caws::report
