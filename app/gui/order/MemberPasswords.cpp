#include "MemberPasswords.h"

#include "PasswordHasher.h"

#include <QLineEdit>

namespace foyer::gui {

void MemberPasswords::set(const QString& lineId, const QString& typed)
{
    if (typed.isEmpty()) {
        forget(lineId);
        return;
    }
    m_byLine.insert_or_assign(lineId, core::SecureBuffer::fromUtf8(typed));
}

bool MemberPasswords::has(const QString& lineId) const
{
    return m_byLine.find(lineId) != m_byLine.end();
}

void MemberPasswords::forget(const QString& lineId)
{
    m_byLine.erase(lineId); // the SecureBuffer wipes itself
}

void MemberPasswords::wipe()
{
    m_byLine.clear();
}

bool MemberPasswords::matches(const QString& lineId, const QString& encodedHash) const
{
    const auto it = m_byLine.find(lineId);
    if (it == m_byLine.end() || it->second.isEmpty() || encodedHash.isEmpty())
        return false;
    return security::PasswordHasher::verify(it->second, encodedHash);
}

core::MembershipCreditRule::PasswordCheck MemberPasswords::check() const
{
    return [this](const core::MembershipSeatLine& line, const QString& hash) { return matches(line.lineId, hash); };
}

QLineEdit* MemberPasswords::createField(const QString& lineId, const QString& seatLabel, int row)
{
    auto* field = new QLineEdit;
    field->setObjectName(QStringLiteral("memberPassword%1").arg(row));
    field->setEchoMode(QLineEdit::Password);
    field->setAccessibleName(tr("Member password for %1").arg(seatLabel));
    if (has(lineId)) {
        field->setPlaceholderText(tr("Kept; type to change"));
        field->setAccessibleDescription(tr("The password typed earlier is kept until the order is confirmed."));
    }
    QObject::connect(field, &QLineEdit::textEdited, field, [this, lineId](const QString& text) { set(lineId, text); });
    return field;
}

} // namespace foyer::gui
