package dev.tollgate.adapter.in.web.migration;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.migration.port.in.ImportOneApiUseCase;
import dev.tollgate.application.migration.port.in.ImportProgressSink;
import dev.tollgate.application.migration.port.in.ImportReport;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.migration.MigrationErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * {@code POST /api/v1/imports/one-api[?dryRun=true]}: imports an uploaded one-api SQLite database (multipart, the
 * first file part, or the raw file as the body), root only, at most {@code tollgate.imports.max-upload-bytes}. The
 * answer is the import's report; the command line ({@code import one-api --source …}) also reads PostgreSQL and
 * MySQL/MariaDB.
 */
@RestController
public class OneApiImportController {
    private final ImportOneApiUseCase imports;
    private final long maxUploadBytes;

    public OneApiImportController(ImportOneApiUseCase imports, OneApiImportProperties settings) {
        this.imports = imports;
        this.maxUploadBytes = settings.maxUploadBytes();
    }

    @PostMapping("/api/v1/imports/one-api")
    ImportReport importOneApi(
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            HttpServletRequest request,
            Authentication auth)
            throws IOException {
        if (!CurrentCaller.root(auth)) {
            throw new DomainException(MigrationErrorCode.ROOT_REQUIRED, "only root imports from one-api");
        }
        if (request.getContentLengthLong() > maxUploadBytes) {
            throw new MaxUploadSizeExceededException(maxUploadBytes);
        }
        Path file = SqliteUpload.save(request.getInputStream(), request.getContentType(), maxUploadBytes);
        try {
            return imports.importOneApi(file.toString(), dryRun, ImportProgressSink.NONE, CurrentCaller.of(auth));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
