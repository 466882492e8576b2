#include "SyntheticProfileGenerator.h"

#include "UuidV7.h"

namespace foyer::seed {

namespace {

const QStringList Cities = {QStringLiteral("Bristol"),    QStringLiteral("Leeds"),   QStringLiteral("Norwich"),
                            QStringLiteral("York"),       QStringLiteral("Bath"),    QStringLiteral("Exeter"),
                            QStringLiteral("Canterbury"), QStringLiteral("Chester"), QStringLiteral("Durham")};
const QStringList StreetKinds = {QStringLiteral("Street"), QStringLiteral("Road"), QStringLiteral("Lane"),
                                 QStringLiteral("Gardens"), QStringLiteral("Terrace")};
const QStringList CompanyKinds = {QStringLiteral("& Partners"), QStringLiteral("Foundation"),
                                  QStringLiteral("Holdings"), QStringLiteral("Trust"), QStringLiteral("Architects")};
const QStringList Lists = {QStringLiteral("Season announcements"), QStringLiteral("Education news"),
                           QStringLiteral("Donor updates"), QStringLiteral("Family events")};
const QList<core::AccessibilityNeed> Needs = {
    {QStringLiteral("Wheelchair space"), QStringLiteral("Needs a companion seat beside")},
    {QStringLiteral("Hearing loop"), QString()},
    {QStringLiteral("Aisle seat"), QStringLiteral("Knee replacement; no stairs if possible")},
    {QStringLiteral("Large-print programme"), QString()}};
const QStringList NoteBodies = {QStringLiteral("Prefers seats on the aisle, left side."),
                                QStringLiteral("Long-time subscriber; thank personally at the door."),
                                QStringLiteral("Asked not to be phoned before 10 am."),
                                QStringLiteral("Interested in sponsoring the education programme.")};
const QStringList PopUpBodies = {QStringLiteral("Card declined twice last season: take another payment method."),
                                 QStringLiteral("Comp tickets approved by the director for this season.")};

} // namespace

SyntheticProfileGenerator::SyntheticProfileGenerator(quint32 seed, const QStringList& lastNames, const QDate& today)
    : m_random(seed ^ 0x5eed)
    , m_lastNames(lastNames)
    , m_today(today)
{
}

core::Membership SyntheticProfileGenerator::membership(const QString& level, bool recurring, const QDate& from,
                                                       const QDate& until)
{
    core::Membership m;
    m.id = core::UuidV7::generateText();
    m.membershipNumber = QStringLiteral("M-%1").arg(++m_membershipNumber);
    m.levelName = level;
    m.recurring = recurring;
    m.validFrom = from;
    m.validUntil = until;
    return m;
}

SyntheticProfileGenerator::Extras SyntheticProfileGenerator::forPatron(qint64 index, const core::Patron& patron)
{
    Extras extras;
    const bool showcase = index % 50 == 7;
    const auto word = [this] { return m_lastNames.at(m_random.bounded(int(m_lastNames.size()))); };
    const auto pick = [this](const auto& list) { return list.at(m_random.bounded(int(list.size()))); };

    if (index % 25 == 3)
        extras.organisation = word() + u' ' + pick(CompanyKinds);
    if (showcase || m_random.bounded(6) == 0)
        extras.preferredContactMethod = m_random.bounded(2) ? QStringLiteral("Call on home phone after 5 pm")
                                                            : QStringLiteral("Email only, please");

    core::PostalAddress home;
    home.id = core::UuidV7::generateText();
    home.line1 = QStringLiteral("%1 %2 %3").arg(1 + m_random.bounded(180)).arg(word(), pick(StreetKinds));
    home.city = pick(Cities);
    home.postalCode = QStringLiteral("%1%2 %3AB")
                          .arg(QChar(u'A' + char16_t(m_random.bounded(26))))
                          .arg(1 + m_random.bounded(20))
                          .arg(m_random.bounded(10));
    home.country = QStringLiteral("United Kingdom");
    home.isPrimary = true;
    extras.addresses.append(home);
    if (showcase || m_random.bounded(8) == 0) {
        core::PostalAddress second = home;
        second.id = core::UuidV7::generateText();
        second.line1 = QStringLiteral("Flat %1, %2 House").arg(1 + m_random.bounded(40)).arg(word());
        second.city = pick(Cities);
        second.isPrimary = false;
        extras.addresses.append(second);
    }

    // Memberships: about one patron in five, cycling through every state; the showcase patron has a renewed one.
    const int state = int((index / 5) % 6);
    if (showcase) {
        const core::Membership current =
            membership(QStringLiteral("Patron Circle"), true, m_today.addMonths(-11), m_today.addDays(21));
        const core::Membership old = membership(QStringLiteral("Patron Circle"), true, m_today.addMonths(-23),
                                                m_today.addMonths(-11).addDays(-1));
        extras.memberships.append({current, QString()});
        extras.memberships.append({old, current.id});
    } else if (index % 5 == 1) {
        switch (state) {
        case 0: // valid
            extras.memberships.append(
                {membership(QStringLiteral("Friend"), true, m_today.addMonths(-3), m_today.addMonths(9)), QString()});
            break;
        case 1: // due
            extras.memberships.append({membership(QStringLiteral("Friend"), true, m_today.addMonths(-11),
                                                  m_today.addDays(int(m_random.bounded(25)))),
                                       QString()});
            break;
        case 2: // past due
            extras.memberships.append({membership(QStringLiteral("Patron Circle"), true, m_today.addMonths(-13),
                                                  m_today.addDays(-1 - int(m_random.bounded(60)))),
                                       QString()});
            break;
        case 3: // expired
            extras.memberships.append(
                {membership(QStringLiteral("Friend"), true, m_today.addYears(-3), m_today.addYears(-2)), QString()});
            break;
        case 4: { // renewed by a newer one
            const core::Membership current =
                membership(QStringLiteral("Friend"), true, m_today.addMonths(-2), m_today.addMonths(10));
            extras.memberships.append({current, QString()});
            extras.memberships.append(
                {membership(QStringLiteral("Friend"), true, m_today.addMonths(-14), m_today.addMonths(-2).addDays(-1)),
                 current.id});
            break;
        }
        default: // not recurring: member since
            extras.memberships.append(
                {membership(QStringLiteral("Lifetime Member"), false, patron.createdAt.date(), QDate()), QString()});
            break;
        }
    }

    if (showcase || m_random.bounded(3) == 0) {
        extras.mailingLists.append(Lists.at(0));
        if (showcase || m_random.bounded(2) == 0)
            extras.mailingLists.append(pick(Lists.mid(1)));
    }
    if (showcase || m_random.bounded(15) == 0)
        extras.accessibility.append(pick(Needs));
    if (showcase || m_random.bounded(20) == 0)
        extras.forms.append(
            {m_random.bounded(2) ? QStringLiteral("Volunteer sign-up") : QStringLiteral("Access scheme application"),
             QStringLiteral("Evenings: yes\nWeekends: no"), patron.createdAt.addDays(3 + m_random.bounded(200))});
    if (showcase || m_random.bounded(9) == 0)
        extras.notes.append({pick(NoteBodies), false});
    if (showcase || m_random.bounded(45) == 0)
        extras.notes.append({pick(PopUpBodies), true});
    return extras;
}

} // namespace foyer::seed
