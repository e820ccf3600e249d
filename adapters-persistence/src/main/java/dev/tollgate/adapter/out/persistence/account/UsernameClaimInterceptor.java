package dev.tollgate.adapter.out.persistence.account;

import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.command.DeleteUserCommand;
import dev.tollgate.domain.account.command.RegisterUserCommand;
import dev.tollgate.domain.common.DomainException;
import java.util.Locale;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Usernames are unique ignoring case, also when two registrations of one name race (on one node or two): a
 * registration first claims its name in {@code username_claim} (a unique key) inside the command's own transaction,
 * which also appends the registration event — both commit or neither. The loser waits for the winner's commit and is
 * refused with 409 {@code username_taken}. Deleting a user frees the name, in the deletion's transaction.
 */
public class UsernameClaimInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
    private final JdbcTemplate jdbc;

    public UsernameClaimInterceptor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        if (payload instanceof RegisterUserCommand register) {
            String name = register.username().value().toLowerCase(Locale.ROOT);
            try {
                jdbc.update(
                        "insert into username_claim (username, user_id) values (?, ?)",
                        name,
                        register.userId().value());
            } catch (DuplicateKeyException taken) {
                throw new DomainException(
                        AccountErrorCode.USERNAME_TAKEN,
                        "the username '" + register.username().value() + "' is taken");
            }
        }
        Object result = chain.proceed();
        if (payload instanceof DeleteUserCommand delete) {
            jdbc.update(
                    "delete from username_claim where user_id = ?",
                    delete.userId().value());
        }
        return result;
    }
}
