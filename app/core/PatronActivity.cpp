#include "PatronActivity.h"

#include <QCoreApplication>

namespace foyer::core {

QString OrderSummary::label() const
{
    if (hasDonation && hasAdmission)
        return QCoreApplication::translate("foyer::core::OrderSummary", "Mixed");
    if (category == QLatin1String("donation"))
        return QCoreApplication::translate("foyer::core::OrderSummary", "Donation");
    if (category == QLatin1String("ticket") || category == QLatin1String("collection"))
        return QCoreApplication::translate("foyer::core::OrderSummary", "Ticket purchase");
    if (category == QLatin1String("pass") || category == QLatin1String("pass_renewal"))
        return QCoreApplication::translate("foyer::core::OrderSummary", "Pass");
    if (category == QLatin1String("gift_card"))
        return QCoreApplication::translate("foyer::core::OrderSummary", "Gift card");
    if (category == QLatin1String("class_registration"))
        return QCoreApplication::translate("foyer::core::OrderSummary", "Class registration");
    if (category == QLatin1String("invoice"))
        return QCoreApplication::translate("foyer::core::OrderSummary", "Invoice");
    if (category == QLatin1String("transfer"))
        return QCoreApplication::translate("foyer::core::OrderSummary", "Transfer");
    return category;
}

QDate RecurringDonation::nextChargeDate(const QDate& today) const
{
    if (status != QLatin1String("active") || !startsOn.isValid())
        return QDate();
    const int stepMonths = frequency == QLatin1String("yearly") ? 12 : frequency == QLatin1String("quarterly") ? 3 : 1;
    QDate next = startsOn;
    while (next < today)
        next = next.addMonths(stepMonths);
    if (termMonths > 0 && next >= startsOn.addMonths(termMonths))
        return QDate(); // the term has run out
    return next;
}

} // namespace foyer::core

namespace foyer::core {

QString RecurringDonation::cancelProblem(const QString& reason) const
{
    if (status == QLatin1String("cancelled"))
        return QCoreApplication::translate("foyer::core::RecurringDonation",
                                           "This recurring donation is already cancelled.");
    if (status == QLatin1String("completed"))
        return QCoreApplication::translate("foyer::core::RecurringDonation",
                                           "This recurring donation has completed its term.");
    if (reason.trimmed().size() < 3)
        return QCoreApplication::translate("foyer::core::RecurringDonation",
                                           "Enter the reason for cancelling (for example, what the donor said).");
    return QString();
}

} // namespace foyer::core
