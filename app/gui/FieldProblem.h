#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace foyer::gui {

// How every dialog shows a refusal: the message in red beside the field it is about, the field outlined and given
// the message as its accessible description (a screen reader reads it), and focus moved there.
namespace FieldProblem {

void show(QLabel* label, const QString& message, QWidget* field = nullptr);
// Hides the message and clears the field's outline.
void clear(QLabel* label, QWidget* field = nullptr);

} // namespace FieldProblem

} // namespace foyer::gui
