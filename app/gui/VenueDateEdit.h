#pragma once

#include <QDateEdit>

namespace foyer::gui {

// A date field that reads a date typed the way it shows dates, separators and all. QDateEdit moves to the next part
// by itself once a part is complete ("Jan", "21"), and then takes the separator staff type next as a second move, so
// "Jan 1 2024" put the 1 in the year. Here a separator typed straight after such a move is taken as the move it
// already was. The display format is the venue's locale with the month by name and a four-digit year
// ("1 Jan 2024", "Jan 1 2024").
class VenueDateEdit : public QDateEdit
{
    Q_OBJECT
public:
    explicit VenueDateEdit(QWidget* parent = nullptr);

    // The format for a locale: its order of day, month and year, the month by name, the year in full.
    static QString formatFor(const QLocale& locale);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;

private:
    bool m_movedByItself = false; // the last key completed a part and the field moved on to the next
};

} // namespace foyer::gui
