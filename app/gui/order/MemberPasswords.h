#pragma once

#include "MembershipCreditRule.h"
#include "SecureBuffer.h"

#include <QCoreApplication>
#include <QString>
#include <map>

class QLineEdit;

namespace foyer::gui {

// The member passwords typed in the order editor (order-time member authentication), one per order line, held in
// locked memory (core::SecureBuffer) and never in the order draft. They are kept across a failed confirmation, so
// after switching the failing seat to card the other membership seats need not be typed again, and wiped once the
// order is confirmed or the editor closes.
class MemberPasswords
{
    Q_DECLARE_TR_FUNCTIONS(foyer::gui::MemberPasswords)
public:
    MemberPasswords() = default;
    MemberPasswords(const MemberPasswords&) = delete;
    MemberPasswords& operator=(const MemberPasswords&) = delete;

    // Keeps what was typed for the line (an empty text forgets it).
    void set(const QString& lineId, const QString& typed);
    bool has(const QString& lineId) const;
    void forget(const QString& lineId);
    // Forgets (and wipes) every password.
    void wipe();
    qsizetype size() const { return qsizetype(m_byLine.size()); }

    // Whether the password kept for the line matches the member's Argon2id hash (false when none is kept).
    bool matches(const QString& lineId, const QString& encodedHash) const;
    // The check the order repository runs for each membership seat; valid while this object lives.
    core::MembershipCreditRule::PasswordCheck check() const;

    // The line's password field: what is typed goes straight here; a password already kept shows as such (its text
    // is not put back into the field), and typing replaces it.
    QLineEdit* createField(const QString& lineId, const QString& seatLabel, int row);

private:
    std::map<QString, core::SecureBuffer> m_byLine;
};

} // namespace foyer::gui
