package dev.tollgate.application.notification.service;

import dev.tollgate.application.notification.port.out.NotificationEvent;
import java.util.Map;

/** The subject and text of a notification mail, in Chinese or English. */
final class NotificationTexts {
    /** A mail to send. */
    record Mail(String subject, String text) {}

    private NotificationTexts() {}

    static Mail render(NotificationEvent event, String language) {
        boolean zh = "zh".equals(language);
        Map<String, Object> d = event.data();
        String name = String.valueOf(d.get("name"));
        return switch (event.type()) {
            case NotificationEvent.BALANCE_LOW -> balanceLow(zh, d, name);
            case NotificationEvent.CHANNEL_DISABLED ->
                zh
                        ? new Mail(
                                "[Tollgate] 渠道已被自动禁用：" + name,
                                "渠道 " + name + "（" + d.get("channelId") + "）已被自动禁用。\n原因：" + d.get("reason")
                                        + "\n\nTollgate 会继续探测该渠道，恢复后会再通知您。")
                        : new Mail(
                                "[Tollgate] Channel disabled automatically: " + name,
                                "The channel " + name + " (" + d.get("channelId") + ") was taken out of service "
                                        + "automatically.\nReason: " + d.get("reason")
                                        + "\n\nTollgate keeps probing it and will tell you when it is back.");
            case NotificationEvent.CHANNEL_ENABLED ->
                zh
                        ? new Mail(
                                "[Tollgate] 渠道已恢复：" + name,
                                "渠道 " + name + "（" + d.get("channelId") + "）已恢复服务。\n说明：" + d.get("reason"))
                        : new Mail(
                                "[Tollgate] Channel back in service: " + name,
                                "The channel " + name + " (" + d.get("channelId") + ") is back in service.\nDetail: "
                                        + d.get("reason"));
            default -> throw new IllegalArgumentException("no text for notification " + event.type());
        };
    }

    private static Mail balanceLow(boolean zh, Map<String, Object> d, String name) {
        String subject = String.valueOf(d.get("subject"));
        Object balance = d.get("balance");
        Object threshold = d.get("threshold");
        if (zh) {
            String what = switch (subject) {
                case "key" -> "令牌";
                case "organization" -> "组织";
                default -> "账户";
            };
            return new Mail(
                    "[Tollgate] 余额提醒：" + what + " " + name + " 的余额已低于 " + threshold,
                    "您的" + what + " " + name + " 当前剩余额度为 " + balance + "（额度单位，500,000 = 1 美元），已低于您设置的提醒阈值 " + threshold
                            + "。\n请及时充值，以免服务中断。\n\n余额回升到阈值以上后，下次低于阈值时会再次提醒。");
        }
        String what = switch (subject) {
            case "key" -> "key";
            case "organization" -> "organisation";
            default -> "account";
        };
        return new Mail(
                "[Tollgate] Low balance: the " + what + " " + name + " is below " + threshold,
                "The balance of your " + what + " " + name + " is " + balance + " quota units (500,000 = 1 USD), below "
                        + "the threshold of " + threshold + " you set.\nTop it up to keep your requests served.\n\n"
                        + "You will be told again the next time it falls below the threshold after rising above it.");
    }
}
