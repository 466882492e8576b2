#include "VenueDateEdit.h"

#include <QKeyEvent>
#include <QLocale>

namespace foyer::gui {

VenueDateEdit::VenueDateEdit(QWidget* parent)
    : QDateEdit(parent)
{
    setDisplayFormat(formatFor(locale()));
}

QString VenueDateEdit::formatFor(const QLocale& locale)
{
    const QString shortFormat = locale.dateFormat(QLocale::ShortFormat);
    const qsizetype day = shortFormat.indexOf(u'd');
    const qsizetype month = shortFormat.indexOf(u'M');
    const qsizetype year = shortFormat.indexOf(u'y');
    if (year >= 0 && year < day && year < month)
        return QStringLiteral("yyyy MMM d");
    if (month >= 0 && month < day)
        return QStringLiteral("MMM d yyyy");
    return QStringLiteral("d MMM yyyy");
}

void VenueDateEdit::focusInEvent(QFocusEvent* event)
{
    m_movedByItself = false;
    QDateEdit::focusInEvent(event);
}

void VenueDateEdit::keyPressEvent(QKeyEvent* event)
{
    const QString text = event->text();
    const bool separator = text.size() == 1 && !text.at(0).isLetterOrNumber() && text.at(0).isPrint();
    if (separator && m_movedByItself) {
        m_movedByItself = false;
        event->accept();
        return;
    }
    const Section before = currentSection();
    QDateEdit::keyPressEvent(event);
    m_movedByItself = !separator && text.size() == 1 && text.at(0).isLetterOrNumber() && currentSection() != before;
}

} // namespace foyer::gui
