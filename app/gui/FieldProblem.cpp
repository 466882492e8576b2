#include "FieldProblem.h"

#include <QLabel>
#include <QWidget>

namespace foyer::gui::FieldProblem {

void show(QLabel* label, const QString& message, QWidget* field)
{
    if (label) {
        label->setText(message);
        label->setStyleSheet(QStringLiteral("color: #a40000;"));
        label->setWordWrap(true);
        label->show();
    }
    if (field) {
        field->setStyleSheet(QStringLiteral("border: 1px solid #a40000;"));
        field->setToolTip(message);
        field->setAccessibleDescription(message);
        field->setFocus(Qt::OtherFocusReason);
    }
}

void clear(QLabel* label, QWidget* field)
{
    if (label)
        label->hide();
    if (field) {
        field->setStyleSheet(QString());
        field->setToolTip(QString());
        field->setAccessibleDescription(QString());
    }
}

} // namespace foyer::gui::FieldProblem
